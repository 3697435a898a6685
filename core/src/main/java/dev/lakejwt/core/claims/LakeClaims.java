package dev.lakejwt.core.claims;

import dev.lakejwt.core.ClaimsException;
import dev.lakejwt.core.internal.Json;
import dev.lakejwt.core.internal.Redact;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The exact claim set of a Lake token: {@code aud} (a JSON array), {@code iat}, {@code exp} (whole
 * epoch seconds), {@code iss}, {@code org_id}, {@code multi-use}, {@code pat}, {@code sub}, plus
 * optional extra claims after them.
 *
 * <p>Easy to get wrong: {@code aud} must stay a JSON <em>array</em> even with one element, and
 * {@code multi-use} (with a dash) a JSON boolean; several JOSE libraries quietly write a one-element
 * audience as a string. {@link #asMap()} gives the claims in Lake's documented order for signers to
 * serialise. {@link #toString()} masks the PAT.
 *
 * @param audience    the {@code aud} values, never empty
 * @param issuedAt    {@code iat}, epoch seconds
 * @param expiresAt   {@code exp}, epoch seconds, after {@code iat}
 * @param issuer      {@code iss}, free-form ({@code wiki} in Lake's quickstart)
 * @param orgId       {@code org_id}, the organization id from {@code GET /api/my-organization}
 * @param multiUse    {@code multi-use}: whether the token may be reused until it expires
 * @param pat         {@code pat}, the Personal Access Token (secret)
 * @param subject     {@code sub}, the Lake user who created the PAT and the key
 * @param extraClaims additional claims, in insertion order, none with a reserved name
 */
public record LakeClaims(List<String> audience, long issuedAt, long expiresAt, String issuer, String orgId,
                         boolean multiUse, String pat, String subject, Map<String, Object> extraClaims) {

    public static final String AUD = "aud";
    public static final String IAT = "iat";
    public static final String EXP = "exp";
    public static final String ISS = "iss";
    public static final String ORG_ID = "org_id";
    public static final String MULTI_USE = "multi-use";
    public static final String PAT = "pat";
    public static final String SUB = "sub";
    /** The claim names lakejwt writes itself, in the order it writes them. */
    public static final List<String> LAKE_CLAIM_NAMES = List.of(AUD, IAT, EXP, ISS, ORG_ID, MULTI_USE, PAT, SUB);
    private static final Set<String> RESERVED = Set.copyOf(LAKE_CLAIM_NAMES);

    /** The audience Lake expects. */
    public static final String LAKE_AUDIENCE = "td:service:authentication";
    /** The issuer Lake's quickstart and docs use. */
    public static final String DEFAULT_ISSUER = "wiki";

    public LakeClaims {
        audience = checkAudience(audience);
        requireText(issuer, ISS, "the issuer, e.g. 'wiki'");
        requireText(orgId, ORG_ID, "the organization id (LAKE_ORG_ID, from GET /api/my-organization)");
        requireText(pat, PAT, "the Personal Access Token (LAKE_PAT, created in the Lake console)");
        requireText(subject, SUB, "the Lake user name (LAKE_USER) that created the PAT and the key");
        if (issuedAt < 0) {
            throw new ClaimsException("claim 'iat' is negative");
        }
        if (expiresAt <= issuedAt) {
            throw new ClaimsException("claim 'exp' must be after 'iat' (lifetime " + (expiresAt - issuedAt) + " s)");
        }
        extraClaims = extraClaims == null ? Map.of() : copyExtra(extraClaims);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().audience(audience).issuedAt(issuedAt).expiresAt(expiresAt).issuer(issuer).orgId(orgId)
                .multiUse(multiUse).pat(pat).subject(subject).extraClaims(extraClaims);
    }

    /** {@code exp - iat}. */
    public Duration lifetime() {
        return Duration.ofSeconds(expiresAt - issuedAt);
    }

    public Instant issuedAtInstant() {
        return Instant.ofEpochSecond(issuedAt);
    }

    public Instant expiresAtInstant() {
        return Instant.ofEpochSecond(expiresAt);
    }

    /**
     * The claims as an ordered map in Lake's order ({@code aud} as a list, times as {@code Long},
     * {@code multi-use} as {@code Boolean}), then the extra claims. A fresh map on every call.
     */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new LinkedHashMap<>(16);
        map.put(AUD, audience);
        map.put(IAT, issuedAt);
        map.put(EXP, expiresAt);
        map.put(ISS, issuer);
        map.put(ORG_ID, orgId);
        map.put(MULTI_USE, multiUse);
        map.put(PAT, pat);
        map.put(SUB, subject);
        map.putAll(extraClaims);
        return map;
    }

    /** Shows every claim except the PAT's value. */
    @Override
    public String toString() {
        return "LakeClaims[aud=" + audience + ", iat=" + issuedAt + ", exp=" + expiresAt + ", iss=" + issuer
                + ", org_id=" + orgId + ", multi-use=" + multiUse + ", pat=" + Redact.MASK + ", sub=" + subject
                + (extraClaims.isEmpty() ? "" : ", extra=" + extraClaims.keySet()) + "]";
    }

    static List<String> checkAudience(List<String> audience) {
        Objects.requireNonNull(audience, "audience");
        if (audience.isEmpty() || audience.stream().anyMatch(a -> a == null || a.isBlank())) {
            throw new ClaimsException("claim 'aud' needs at least one non-blank value, e.g. " + LAKE_AUDIENCE);
        }
        return List.copyOf(audience);
    }

    static void requireText(String value, String claim, String what) {
        if (value == null || value.isBlank()) {
            throw new ClaimsException("claim '" + claim + "' is missing: give " + what);
        }
    }

    static Map<String, Object> copyExtra(Map<String, Object> extra) {
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : extra.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank()) {
                throw new ClaimsException("an extra claim has a blank name");
            }
            if (RESERVED.contains(name)) {
                throw new ClaimsException("extra claim '" + name + "' is reserved: lakejwt sets it; use the builder's "
                        + "own method for it");
            }
            if (!Json.isJsonValue(e.getValue())) {
                throw new ClaimsException("extra claim '" + name + "' is not a JSON value (string, number, boolean, "
                        + "list, map or null)");
            }
            copy.put(name, e.getValue());
        }
        return Collections.unmodifiableMap(copy);
    }

    /** Builds a {@link LakeClaims}; {@code aud}, {@code iss} and {@code multi-use} have Lake's defaults. */
    public static final class Builder {
        private List<String> audience = List.of(LAKE_AUDIENCE);
        private long issuedAt;
        private long expiresAt;
        private String issuer = DEFAULT_ISSUER;
        private String orgId;
        private boolean multiUse = true;
        private String pat;
        private String subject;
        private final Map<String, Object> extraClaims = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder audience(List<String> audience) {
            this.audience = audience;
            return this;
        }

        public Builder issuedAt(long epochSeconds) {
            this.issuedAt = epochSeconds;
            return this;
        }

        public Builder expiresAt(long epochSeconds) {
            this.expiresAt = epochSeconds;
            return this;
        }

        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder multiUse(boolean multiUse) {
            this.multiUse = multiUse;
            return this;
        }

        public Builder pat(String pat) {
            this.pat = pat;
            return this;
        }

        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        public Builder claim(String name, Object value) {
            this.extraClaims.put(name, value);
            return this;
        }

        public Builder extraClaims(Map<String, Object> claims) {
            this.extraClaims.clear();
            this.extraClaims.putAll(claims);
            return this;
        }

        public LakeClaims build() {
            return new LakeClaims(audience, issuedAt, expiresAt, issuer, orgId, multiUse, pat, subject, extraClaims);
        }
    }
}
