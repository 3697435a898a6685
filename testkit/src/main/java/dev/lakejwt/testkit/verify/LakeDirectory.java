package dev.lakejwt.testkit.verify;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * The organization's users, their PATs and the public keys tokens are signed with: what a
 * {@link LakeTokenVerifier} checks {@code kid}, {@code sub} and {@code pat} against. Changes take
 * effect on the next verification (register, rotate, revoke while a test runs). Thread-safe.
 *
 * <p>Easy to get wrong: a key registered <em>for a user</em> signs only that user's tokens, as in
 * the Lake console, where each user uploads or generates their own key; two users may both have a key
 * named {@code primary}. A key registered without an owner is organization-wide and signs for anyone.
 */
public final class LakeDirectory {
    private final List<KeyEntry> keys = new ArrayList<>();
    private final Map<String, Map<String, PatEntry>> users = new LinkedHashMap<>();

    /** A registered public key; {@code owner} is null for an organization-wide key. */
    record KeyEntry(String owner, String kid, PublicKey key, boolean revoked) {
    }

    /** A registered PAT; {@code expiresAt} null means it never expires. */
    record PatEntry(Instant expiresAt, boolean revoked) {
    }

    /** Registers (or replaces) an organization-wide key under {@code kid}. */
    public synchronized LakeDirectory addKey(String kid, PublicKey key) {
        return addKey(null, kid, key);
    }

    /** Registers (or replaces) {@code owner}'s key named {@code kid}; the owner becomes a user if needed. */
    public synchronized LakeDirectory addKey(String owner, String kid, PublicKey key) {
        requireText(kid, "kid");
        Objects.requireNonNull(key, "key");
        if (!"RSA".equals(key.getAlgorithm()) && !"EC".equals(key.getAlgorithm())) {
            throw new IllegalArgumentException("key '" + kid + "' is a " + key.getAlgorithm()
                    + " key; Lake tokens are verified with RSA (RS256) or EC P-256 (ES256) keys");
        }
        if (owner != null) {
            addUser(owner);
        }
        keys.removeIf(k -> Objects.equals(k.owner, owner) && k.kid.equals(kid));
        keys.add(new KeyEntry(owner, kid, key, false));
        return this;
    }

    /** Revokes every key named {@code kid}; tokens naming it are then refused with {@code KEY_REVOKED}. */
    public synchronized LakeDirectory revokeKey(String kid) {
        return revokeWhere(null, kid, false);
    }

    /** Revokes {@code owner}'s key named {@code kid}. */
    public synchronized LakeDirectory revokeKey(String owner, String kid) {
        return revokeWhere(owner, kid, true);
    }

    private LakeDirectory revokeWhere(String owner, String kid, boolean matchOwner) {
        boolean found = false;
        for (int i = 0; i < keys.size(); i++) {
            KeyEntry k = keys.get(i);
            if (k.kid.equals(kid) && (!matchOwner || Objects.equals(k.owner, owner))) {
                keys.set(i, new KeyEntry(k.owner, k.kid, k.key, true));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("no key '" + kid + "'" + (matchOwner ? " of user '" + owner + "'" : "")
                    + " is registered; registered: " + keyIds());
        }
        return this;
    }

    /** Registers a user (no PAT yet). */
    public synchronized LakeDirectory addUser(String user) {
        requireText(user, "user");
        users.computeIfAbsent(user, u -> new LinkedHashMap<>());
        return this;
    }

    /** Registers a PAT of {@code user} that never expires; the user is registered if needed. */
    public synchronized LakeDirectory addPat(String user, String pat) {
        return addPat(user, pat, null);
    }

    /** Registers a PAT of {@code user} valid until {@code expiresAt} (null: never expires). */
    public synchronized LakeDirectory addPat(String user, String pat, Instant expiresAt) {
        requireText(pat, "pat");
        addUser(user);
        users.get(user).put(pat, new PatEntry(expiresAt, false));
        return this;
    }

    /** Revokes a PAT, whoever owns it. */
    public synchronized LakeDirectory revokePat(String pat) {
        return updatePat(pat, e -> new PatEntry(e.expiresAt, true));
    }

    /** Sets when a PAT expires (an instant in the past expires it now). */
    public synchronized LakeDirectory expirePat(String pat, Instant expiresAt) {
        Objects.requireNonNull(expiresAt, "expiresAt");
        return updatePat(pat, e -> new PatEntry(expiresAt, e.revoked));
    }

    private LakeDirectory updatePat(String pat, UnaryOperator<PatEntry> change) {
        boolean found = false;
        for (Map<String, PatEntry> pats : users.values()) {
            PatEntry e = pats.get(pat);
            if (e != null) {
                pats.put(pat, change.apply(e));
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("that PAT is not registered for any user");
        }
        return this;
    }

    /** Whether {@code user} is registered. */
    public synchronized boolean hasUser(String user) {
        return users.containsKey(user);
    }

    /** The registered user names, in registration order. */
    public synchronized List<String> users() {
        return List.copyOf(users.keySet());
    }

    /** The distinct registered key ids, sorted. */
    public synchronized List<String> keyIds() {
        TreeSet<String> ids = new TreeSet<>();
        keys.forEach(k -> ids.add(k.kid));
        return List.copyOf(ids);
    }

    /** The public key {@code owner} registered as {@code kid} (or the organization-wide one when owner is null). */
    public synchronized Optional<PublicKey> key(String owner, String kid) {
        return keys.stream().filter(k -> Objects.equals(k.owner, owner) && k.kid.equals(kid)).map(KeyEntry::key)
                .findFirst();
    }

    /** Removes every user, PAT and key. */
    public synchronized void clear() {
        keys.clear();
        users.clear();
    }

    /** An independent copy with the same users, PATs and keys (and their states). */
    public synchronized LakeDirectory copy() {
        LakeDirectory copy = new LakeDirectory();
        copy.keys.addAll(keys);
        users.forEach((u, pats) -> copy.users.put(u, new LinkedHashMap<>(pats)));
        return copy;
    }

    /** Replaces this directory's content with {@code other}'s. */
    public void restoreFrom(LakeDirectory other) {
        LakeDirectory snapshot = other.copy();
        synchronized (this) {
            keys.clear();
            keys.addAll(snapshot.keys);
            users.clear();
            users.putAll(snapshot.users);
        }
    }

    /**
     * The key that should verify a token naming {@code kid} for {@code sub}: the subject's own, else an
     * organization-wide one, else another user's (so ownership is reported after the signature is checked).
     * Among equals, a live key wins over a revoked one.
     */
    synchronized Optional<KeyEntry> resolve(String sub, String kid) {
        KeyEntry best = null;
        int bestRank = Integer.MAX_VALUE;
        for (KeyEntry k : keys) {
            if (!k.kid.equals(kid)) {
                continue;
            }
            int rank = (k.owner == null ? 1 : Objects.equals(k.owner, sub) ? 0 : 2) * 2 + (k.revoked ? 1 : 0);
            if (rank < bestRank) {
                best = k;
                bestRank = rank;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The kids a token for {@code sub} could name: the subject's own and the organization-wide ones. */
    synchronized List<String> keyIdsFor(String sub) {
        TreeSet<String> ids = new TreeSet<>();
        keys.stream().filter(k -> k.owner == null || k.owner.equals(sub)).forEach(k -> ids.add(k.kid));
        return List.copyOf(ids);
    }

    /** The PATs of {@code user}, or null when the user is unknown. */
    synchronized Map<String, PatEntry> pats(String user) {
        Map<String, PatEntry> pats = users.get(user);
        return pats == null ? null : Map.copyOf(pats);
    }

    /** Whether {@code pat} is registered for any user. */
    synchronized boolean isAnyonesPat(String pat) {
        return users.values().stream().anyMatch(p -> p.containsKey(pat));
    }

    @Override
    public synchronized String toString() {
        return "LakeDirectory[users=" + users.keySet() + ", keys=" + keys.stream()
                .map(k -> (k.owner == null ? "" : k.owner + "/") + k.kid + (k.revoked ? " (revoked)" : "")).toList() + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }
}
