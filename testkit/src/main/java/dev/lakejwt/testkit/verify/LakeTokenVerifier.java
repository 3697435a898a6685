package dev.lakejwt.testkit.verify;

import static dev.lakejwt.testkit.verify.RejectionReason.ALGORITHM_NOT_ALLOWED;
import static dev.lakejwt.testkit.verify.RejectionReason.BAD_SIGNATURE;
import static dev.lakejwt.testkit.verify.RejectionReason.CRITICAL_HEADER;
import static dev.lakejwt.testkit.verify.RejectionReason.EXPIRED;
import static dev.lakejwt.testkit.verify.RejectionReason.ISSUED_IN_FUTURE;
import static dev.lakejwt.testkit.verify.RejectionReason.KEY_NOT_OF_SUBJECT;
import static dev.lakejwt.testkit.verify.RejectionReason.KEY_REVOKED;
import static dev.lakejwt.testkit.verify.RejectionReason.LIFETIME_OUT_OF_RANGE;
import static dev.lakejwt.testkit.verify.RejectionReason.MISSING_AUTHORIZATION;
import static dev.lakejwt.testkit.verify.RejectionReason.MISSING_CLAIM;
import static dev.lakejwt.testkit.verify.RejectionReason.NOT_BEARER;
import static dev.lakejwt.testkit.verify.RejectionReason.NOT_MULTI_USE;
import static dev.lakejwt.testkit.verify.RejectionReason.PAT_EXPIRED;
import static dev.lakejwt.testkit.verify.RejectionReason.PAT_INVALID;
import static dev.lakejwt.testkit.verify.RejectionReason.PAT_REVOKED;
import static dev.lakejwt.testkit.verify.RejectionReason.UNKNOWN_KID;
import static dev.lakejwt.testkit.verify.RejectionReason.UNKNOWN_SUBJECT;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_AUDIENCE;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_CLAIM_TYPE;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_ISSUER;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_ORGANIZATION;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_TYPE;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a Lake token the way Lake does, with the JDK alone ({@link java.security.Signature}
 * through core's {@code JcaSignatures}, and Jackson), independent of every JOSE library: header
 * ({@code alg} RS256, or ES256 for an EC key; {@code kid}; {@code typ}; no {@code crit}), signature,
 * then claims ({@code aud}, {@code exp}, {@code iat} with skew, lifetime, {@code iss} if pinned,
 * {@code multi-use}, {@code org_id}, {@code sub}, {@code pat}). Immutable and thread-safe; the
 * {@link LakeDirectory} it reads may change between calls.
 *
 * <p>Two modes: with a directory (what the fake Lake uses) every claim is checked against registered
 * users, PATs and keys; with {@link #forPublicKey(PublicKey)} the signature and the self-contained
 * claims are checked and {@code org_id}, {@code sub} and {@code pat} only for presence and type
 * (what {@code lakejwt verify --public-key} does), because the user registry lives on Lake.
 *
 * <p>Easy to get wrong: {@code exp} gets no skew (a token is expired at {@code exp}, as Lake's own
 * token refreshers assume), only {@code iat} does; and the verifier's {@link Clock} decides "now", so a
 * test that moves the fake's clock must sign with the same clock.
 */
public final class LakeTokenVerifier {
    /** The largest token accepted, in characters. */
    public static final int MAX_TOKEN_LENGTH = TokenParser.MAX_TOKEN_CHARS;
    /** How far {@code iat} may lie in the future by default. */
    public static final Duration DEFAULT_ALLOWED_SKEW = Duration.ofSeconds(60);
    /** The longest {@code exp - iat} accepted by default: the longest Lake's own docs use. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofHours(12);

    /** Claims every Lake token carries; their absence is {@link RejectionReason#MISSING_CLAIM} in both modes. */
    static final List<String> REQUIRED_CLAIMS = List.of("aud", "exp", "iat", "multi-use", "org_id", "sub", "pat");

    private final LakeDirectory directory;
    private final boolean checkSubjects;
    private final PublicKey singleKey;
    private final String organization;
    private final Clock clock;
    private final long skewSeconds;
    private final long maxLifetimeSeconds;
    private final String pinnedIssuer;

    private LakeTokenVerifier(Builder b) {
        this.singleKey = b.singleKey;
        this.directory = b.directory != null ? b.directory : b.ownDirectory;
        this.checkSubjects = b.directory != null || !b.ownDirectory.users().isEmpty();
        this.organization = b.organization;
        this.clock = Objects.requireNonNull(b.clock, "clock");
        this.skewSeconds = requireNotNegative(b.allowedSkew, "allowedSkew").toSeconds();
        this.maxLifetimeSeconds = requireNotNegative(b.maxLifetime, "maxLifetime").toSeconds();
        this.pinnedIssuer = b.issuer;
        if (singleKey == null && directory.keyIds().isEmpty() && b.directory == null) {
            throw new IllegalStateException("a LakeTokenVerifier needs keys: give publicKey(key), key(kid, key) "
                    + "or directory(directory)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signature-and-claims mode: verifies with this one key whatever the {@code kid}, and checks
     * {@code aud}, {@code exp}, {@code iat}, lifetime and {@code multi-use}; {@code org_id},
     * {@code sub} and {@code pat} are decoded but not checked.
     */
    public static LakeTokenVerifier forPublicKey(PublicKey key) {
        return builder().publicKey(key).build();
    }

    /** Verifies the value of an {@code Authorization} header ({@code null} when the header is absent). */
    public Verdict verifyAuthorization(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return Verdict.rejected(MISSING_AUTHORIZATION, "no Authorization header: send "
                    + "'Authorization: Bearer <token>' with the signed JWT", null);
        }
        String value = authorization.strip();
        int space = value.indexOf(' ');
        String scheme = space < 0 ? value : value.substring(0, space);
        if (!"bearer".equalsIgnoreCase(scheme)) {
            if (space < 0 && value.chars().filter(c -> c == '.').count() == 2) {
                return Verdict.rejected(NOT_BEARER, "the Authorization header holds a bare token: prefix it with "
                        + "'Bearer '", null);
            }
            String shown = scheme.length() <= 16 && scheme.chars().allMatch(c -> c > 0x20 && c < 0x7f)
                    ? "'" + scheme + "'" : "something else";
            return Verdict.rejected(NOT_BEARER, "the Authorization header uses scheme " + shown
                    + "; Lake needs 'Bearer <token>'", null);
        }
        String token = space < 0 ? "" : value.substring(space + 1).strip();
        if (token.isEmpty()) {
            return Verdict.rejected(NOT_BEARER, "the Authorization header says 'Bearer' but carries no token", null);
        }
        return verify(token);
    }

    /** Verifies a compact JWS. Never throws for any input: every problem is a rejected {@link Verdict}. */
    public Verdict verify(String compactToken) {
        try {
            return check(compactToken);
        } catch (RuntimeException e) {
            return Verdict.rejected(RejectionReason.MALFORMED_TOKEN, "the token could not be checked ("
                    + e.getClass().getSimpleName() + ")", null);
        }
    }

    private Verdict check(String compactToken) {
        TokenParser.Result parsed = TokenParser.parse(compactToken);
        if (parsed.token() == null) {
            return Verdict.rejected(parsed.reason(), parsed.message(), null);
        }
        DecodedToken token = parsed.token();
        ObjectNode header = token.headerNode();
        ObjectNode claims = token.claimsNode();

        JsonNode algNode = header.get("alg");
        Algorithm alg = algorithmOf(algNode);
        if (alg == null) {
            return reject(ALGORITHM_NOT_ALLOWED, "alg " + show(algNode) + " is not allowed: Lake tokens are "
                    + "signed RS256 (or ES256 with an EC key)" + algHint(algNode), token);
        }
        if (header.has("crit")) {
            return reject(CRITICAL_HEADER, "the header has 'crit' " + show(header.get("crit"))
                    + ": no critical extension is understood, so the token must be refused (RFC 7515 4.1.11)", token);
        }
        JsonNode typ = header.get("typ");
        if (typ != null && !(typ.isTextual() && "JWT".equalsIgnoreCase(typ.textValue()))) {
            return reject(WRONG_TYPE, "typ " + show(typ) + " is not 'JWT': send typ JWT or leave it out", token);
        }
        JsonNode kidNode = header.get("kid");
        if (kidNode == null || !kidNode.isTextual() || kidNode.textValue().isBlank()) {
            return reject(UNKNOWN_KID, "the header has " + (kidNode == null ? "no kid" : "kid " + show(kidNode))
                    + ": set kid to the key's name in the Lake console (without .pem)", token);
        }
        String kid = kidNode.textValue();
        String claimedSub = claims.path("sub").isTextual() ? claims.get("sub").textValue() : null;

        PublicKey key;
        LakeDirectory.KeyEntry entry = null;
        if (singleKey != null) {
            key = singleKey;
        } else {
            entry = directory.resolve(claimedSub, kid).orElse(null);
            if (entry == null) {
                return reject(UNKNOWN_KID, unknownKidMessage(kid, claimedSub), token);
            }
            if (entry.revoked()) {
                return reject(KEY_REVOKED, "key '" + kid + "'" + (entry.owner() == null ? "" : " of user '"
                        + entry.owner() + "'") + " was revoked: sign with a live key (rotate to the new one)", token);
            }
            key = entry.key();
        }
        if (!alg.keyType().equals(key.getAlgorithm())) {
            return reject(ALGORITHM_NOT_ALLOWED, "alg " + alg + " does not fit key '" + kid + "', which is "
                    + key.getAlgorithm() + ": use " + (key.getAlgorithm().equals("EC") ? "ES256" : "RS256"), token);
        }
        if (!signatureValid(alg, key, token)) {
            return reject(BAD_SIGNATURE, "the " + alg + " signature does not verify with key '" + kid + "': the token "
                    + "was signed with another private key, or header or payload changed after signing", token);
        }

        Verdict typeProblem = checkPresenceAndTypes(claims, token);
        if (typeProblem != null) {
            return typeProblem;
        }
        return checkValues(claims, token, kid, entry);
    }

    private static Algorithm algorithmOf(JsonNode alg) {
        if (alg == null || !alg.isTextual()) {
            return null;
        }
        return switch (alg.textValue()) {
            case "RS256" -> Algorithm.RS256;
            case "ES256" -> Algorithm.ES256;
            default -> null;
        };
    }

    private static String algHint(JsonNode alg) {
        if (alg == null) {
            return "; the header has no alg";
        }
        String a = alg.isTextual() ? alg.textValue() : "";
        if (a.equalsIgnoreCase("none")) {
            return "; an unsigned token is never accepted";
        }
        if (a.toUpperCase(Locale.ROOT).startsWith("HS")) {
            return "; HMAC algorithms use a shared secret, and Lake holds only your public key";
        }
        return "";
    }

    private String unknownKidMessage(String kid, String sub) {
        List<String> candidates = directory.keyIdsFor(sub);
        StringBuilder m = new StringBuilder("kid '").append(kid).append("' is not a registered key");
        if (sub != null) {
            m.append(" of user '").append(sub).append('\'');
        }
        if (kid.endsWith(".pem") && candidates.contains(kid.substring(0, kid.length() - 4))) {
            m.append("; did you mean '").append(kid, 0, kid.length() - 4).append("'? The kid is the key name without .pem");
        } else {
            m.append("; registered: ").append(candidates.isEmpty() ? "none" : String.join(", ", candidates));
        }
        return m.toString();
    }

    private static boolean signatureValid(Algorithm alg, PublicKey key, DecodedToken token) {
        try {
            return JcaSignatures.verify(alg, key, token.signingInputBytes(), token.signatureBytes());
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private Verdict checkPresenceAndTypes(ObjectNode claims, DecodedToken token) {
        for (String name : REQUIRED_CLAIMS) {
            JsonNode v = claims.get(name);
            if (v == null || v.isNull()) {
                return reject(MISSING_CLAIM, "claim '" + name + "' is " + (v == null ? "missing" : "null")
                        + ": " + requiredWhy(name), token);
            }
        }
        JsonNode aud = claims.get("aud");
        boolean audOk = aud.isTextual() || aud.isArray() && aud.size() > 0 && allText(aud);
        if (!audOk) {
            return reject(WRONG_CLAIM_TYPE, "claim 'aud' is " + kind(aud) + "; it must be an array of strings: "
                    + "[\"" + LakeClaims.LAKE_AUDIENCE + "\"]", token);
        }
        for (String time : List.of("exp", "iat")) {
            JsonNode v = claims.get(time);
            if (!v.isIntegralNumber()) {
                return reject(WRONG_CLAIM_TYPE, "claim '" + time + "' is " + kind(v) + "; it must be whole epoch "
                        + "seconds as a JSON integer, e.g. 1767225600", token);
            }
            if (!v.canConvertToLong() || v.longValue() < TokenJson.MIN_EPOCH_SECOND
                    || v.longValue() > TokenJson.MAX_EPOCH_SECOND) {
                return reject(WRONG_CLAIM_TYPE, "claim '" + time + "' is " + v.asText() + ", which is not epoch seconds"
                        + (v.canConvertToLong() && v.longValue() > TokenJson.MAX_EPOCH_SECOND
                        ? " (milliseconds? divide by 1000)" : ""), token);
            }
        }
        JsonNode multiUse = claims.get("multi-use");
        if (!multiUse.isBoolean()) {
            return reject(WRONG_CLAIM_TYPE, "claim 'multi-use' is " + kind(multiUse) + "; it must be the JSON boolean "
                    + "true (not the string \"true\")", token);
        }
        for (String text : List.of("iss", "org_id", "sub", "pat")) {
            JsonNode v = claims.get(text);
            if (v != null && !v.isNull() && !v.isTextual()) {
                return reject(WRONG_CLAIM_TYPE, "claim '" + text + "' is " + kind(v) + "; it must be a string", token);
            }
        }
        return null;
    }

    private static String requiredWhy(String name) {
        return switch (name) {
            case "aud" -> "Lake needs aud [\"" + LakeClaims.LAKE_AUDIENCE + "\"]";
            case "exp" -> "set it to iat + the lifetime (e.g. 3600 s)";
            case "iat" -> "set it to the current epoch second";
            case "multi-use" -> "set \"multi-use\": true (with the dash)";
            case "org_id" -> "set it to the organization id from GET /api/my-organization";
            case "sub" -> "set it to the Lake user who created the PAT and the key";
            case "pat" -> "set it to the Personal Access Token from the Lake console";
            default -> "it is required";
        };
    }

    private Verdict checkValues(ObjectNode claims, DecodedToken token, String kid, LakeDirectory.KeyEntry entry) {
        JsonNode aud = claims.get("aud");
        boolean hasLakeAudience = aud.isTextual() ? LakeClaims.LAKE_AUDIENCE.equals(aud.textValue())
                : containsText(aud, LakeClaims.LAKE_AUDIENCE);
        if (!hasLakeAudience) {
            return reject(WRONG_AUDIENCE, "aud " + show(aud) + " does not contain '" + LakeClaims.LAKE_AUDIENCE + "'",
                    token);
        }
        Instant nowInstant = clock.instant();
        long now = nowInstant.getEpochSecond();
        long exp = claims.get("exp").longValue();
        long iat = claims.get("iat").longValue();
        if (exp <= now) {
            return reject(EXPIRED, "exp " + exp + " (" + Instant.ofEpochSecond(exp) + ") is "
                    + (exp == now ? "now" : human(now - exp) + " in the past") + ", so the token has expired (now "
                    + Instant.ofEpochSecond(now) + "): sign a fresh token", token);
        }
        if (iat > now + skewSeconds) {
            return reject(ISSUED_IN_FUTURE, "iat " + iat + " (" + Instant.ofEpochSecond(iat) + ") is " + human(iat - now)
                    + " in the future, more than the allowed skew of " + human(skewSeconds)
                    + ": check the signing machine's clock", token);
        }
        long lifetime = exp - iat;
        if (lifetime < 1 || lifetime > maxLifetimeSeconds) {
            return reject(LIFETIME_OUT_OF_RANGE, "exp - iat is " + lifetime + " s; it must be 1 s to "
                    + maxLifetimeSeconds + " s (" + human(maxLifetimeSeconds) + "): " + (lifetime < 1
                    ? "exp must come after iat" : "shorten the token lifetime (LAKE_TOKEN_TTL)"), token);
        }
        JsonNode iss = claims.get("iss");
        if (pinnedIssuer != null && (iss == null || !pinnedIssuer.equals(iss.textValue()))) {
            return reject(WRONG_ISSUER, "iss " + show(iss) + " is not the pinned issuer '" + pinnedIssuer + "'", token);
        }
        if (!claims.get("multi-use").booleanValue()) {
            return reject(NOT_MULTI_USE, "multi-use is false; Lake tokens carry \"multi-use\": true", token);
        }
        if (organization != null) {
            String org = claims.get("org_id").textValue();
            if (!organization.equals(org)) {
                return reject(WRONG_ORGANIZATION, "org_id '" + org + "' is not this organization's id '" + organization
                        + "' (GET /api/my-organization answers it)", token);
            }
        }
        if (!checkSubjects) {
            return Verdict.accepted(token, acceptedMessage(token, kid, exp, now));
        }
        String sub = claims.get("sub").textValue();
        Map<String, LakeDirectory.PatEntry> pats = directory.pats(sub);
        if (pats == null) {
            return reject(UNKNOWN_SUBJECT, "sub '" + sub + "' is not a user of this organization; users: "
                    + String.join(", ", directory.users()), token);
        }
        if (entry != null && entry.owner() != null && !entry.owner().equals(sub)) {
            return reject(KEY_NOT_OF_SUBJECT, "key '" + kid + "' belongs to user '" + entry.owner() + "', not to '" + sub
                    + "': each user signs with their own key; sub must be the user who created it", token);
        }
        String pat = claims.get("pat").textValue();
        LakeDirectory.PatEntry patEntry = pats.get(pat);
        if (patEntry == null) {
            return reject(PAT_INVALID, "pat is not a PAT of user '" + sub + "'"
                    + (directory.isAnyonesPat(pat) ? " (it belongs to another user)" : " (no user has it)")
                    + ": use the PAT that user created in the Lake console", token);
        }
        if (patEntry.revoked()) {
            return reject(PAT_REVOKED, "the PAT of user '" + sub + "' was revoked: create a new PAT in the console", token);
        }
        if (patEntry.expiresAt() != null && !nowInstant.isBefore(patEntry.expiresAt())) {
            return reject(PAT_EXPIRED, "the PAT of user '" + sub + "' expired at " + patEntry.expiresAt()
                    + ": create a new PAT in the console", token);
        }
        return Verdict.accepted(token, acceptedMessage(token, kid, exp, now));
    }

    private static String acceptedMessage(DecodedToken token, String kid, long exp, long now) {
        return "accepted: sub " + token.subject().map(s -> "'" + s + "'").orElse("(none)") + ", kid '" + kid
                + "', expires in " + human(exp - now);
    }

    private static Verdict reject(RejectionReason reason, String message, DecodedToken token) {
        return Verdict.rejected(reason, message, token);
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) {
            if (!n.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean containsText(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.isTextual() && value.equals(n.textValue())) {
                return true;
            }
        }
        return false;
    }

    private static String kind(JsonNode v) {
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isIntegralNumber()) {
            return "an integer";
        }
        if (v.isNumber()) {
            return "a fractional number";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        if (v.isArray()) {
            return v.isEmpty() ? "an empty array" : "an array with a non-string";
        }
        return v.isObject() ? "an object" : "null";
    }

    /** A JSON value for a message, shortened; callers never pass the PAT. */
    private static String show(JsonNode v) {
        if (v == null) {
            return "(missing)";
        }
        String s = v.toString();
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }

    static String human(long seconds) {
        long s = Math.abs(seconds);
        if (s < 120) {
            return s + " s";
        }
        if (s < 7200) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h" + (s % 3600 >= 60 ? " " + (s % 3600) / 60 + " min" : "");
    }

    private static Duration requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }

    /** The clock this verifier reads "now" from. */
    public Clock clock() {
        return clock;
    }

    /** The organization id tokens must carry, if one is checked. */
    public Optional<String> organization() {
        return Optional.ofNullable(organization);
    }

    @Override
    public String toString() {
        return "LakeTokenVerifier[" + (singleKey != null ? "one " + singleKey.getAlgorithm() + " key" : directory)
                + ", org=" + (organization == null ? "unchecked" : organization) + ", skew=" + skewSeconds
                + " s, maxLifetime=" + maxLifetimeSeconds + " s" + (pinnedIssuer == null ? "" : ", iss=" + pinnedIssuer)
                + "]";
    }

    /**
     * Configures a {@link LakeTokenVerifier}. Give either one {@link #publicKey(PublicKey)} (signature
     * and claims only), or keys by kid and users with {@link #key}/{@link #user}, or a live
     * {@link #directory(LakeDirectory)}.
     *
     * <p>Easy to get wrong: subjects and PATs are checked only when there is a user registry (a
     * directory, or at least one {@link #user}); {@code org_id} only when {@link #organization} is set.
     */
    public static final class Builder {
        private final LakeDirectory ownDirectory = new LakeDirectory();
        private LakeDirectory directory;
        private PublicKey singleKey;
        private String organization;
        private Clock clock = Clock.systemUTC();
        private Duration allowedSkew = DEFAULT_ALLOWED_SKEW;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private String issuer;

        private Builder() {
        }

        /** Verify every token with this key, whatever its kid. */
        public Builder publicKey(PublicKey key) {
            this.singleKey = Objects.requireNonNull(key, "key");
            return this;
        }

        /** An organization-wide key by kid. */
        public Builder key(String kid, PublicKey key) {
            ownDirectory.addKey(kid, key);
            return this;
        }

        /** A user and one PAT of theirs; turns on the {@code sub}/{@code pat} checks. */
        public Builder user(String sub, String pat) {
            ownDirectory.addPat(sub, pat);
            return this;
        }

        /** A live registry of users, PATs and keys (replaces {@link #key} and {@link #user}). */
        public Builder directory(LakeDirectory directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** The organization id {@code org_id} must equal. */
        public Builder organization(String orgId) {
            this.organization = orgId;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** How far {@code iat} may be in the future; default 60 s. */
        public Builder allowedSkew(Duration allowedSkew) {
            this.allowedSkew = allowedSkew;
            return this;
        }

        /** The longest {@code exp - iat}; default 12 h. */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /** Pins {@code iss}; by default any issuer passes ({@code wiki}, {@code tdmodelops}, …). */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public LakeTokenVerifier build() {
            return new LakeTokenVerifier(this);
        }
    }
}
