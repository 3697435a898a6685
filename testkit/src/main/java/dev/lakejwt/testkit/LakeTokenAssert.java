package dev.lakejwt.testkit;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.testkit.verify.DecodedToken;
import dev.lakejwt.testkit.verify.LakeTokenVerifier;
import dev.lakejwt.testkit.verify.RejectionReason;
import dev.lakejwt.testkit.verify.Verdict;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a Lake token, decoded (not verified) unless you ask:
 * <pre>{@code
 * LakeTokenAssert.assertThat(token)
 *         .hasSubject("demo_user")
 *         .hasAudience("td:service:authentication")
 *         .isMultiUse()
 *         .expiresWithin(Duration.ofHours(1))
 *         .isAcceptedBy(lake);
 * }</pre>
 *
 * <p>Easy to get wrong: time assertions ({@link #expiresWithin}, {@link #isNotExpired}) use the
 * system clock unless you call {@link #at(Clock)}, e.g. {@code .at(lake.clock())} after moving the
 * fake's clock. Failure messages never print the PAT or the token itself.
 */
public final class LakeTokenAssert extends AbstractAssert<LakeTokenAssert, DecodedToken> {
    private Clock clock = Clock.systemUTC();

    private LakeTokenAssert(DecodedToken actual) {
        super(actual, LakeTokenAssert.class);
    }

    /** Decodes a compact JWS for assertions; fails (without quoting it) if it is not one. */
    public static LakeTokenAssert assertThat(String compactToken) {
        if (compactToken == null) {
            throw new AssertionError("Expecting a compact JWS but was null");
        }
        try {
            return new LakeTokenAssert(DecodedToken.decode(compactToken));
        } catch (IllegalArgumentException e) {
            throw new AssertionError("Expecting a compact JWS but it is " + e.getMessage());
        }
    }

    public static LakeTokenAssert assertThat(DecodedToken token) {
        return new LakeTokenAssert(token);
    }

    /** Assertions on a verdict: {@code assertThat(lake.journal().last().verdict()).isRejectedFor(EXPIRED)}. */
    public static VerdictAssert assertThat(Verdict verdict) {
        return new VerdictAssert(verdict);
    }

    /** Judges time-relative assertions by {@code clock} (e.g. the fake's) instead of the system clock. */
    public LakeTokenAssert at(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    public LakeTokenAssert hasAlgorithm(Algorithm algorithm) {
        return hasHeader("alg", algorithm.name());
    }

    public LakeTokenAssert hasKeyId(String kid) {
        return hasHeader("kid", kid);
    }

    /** The header has {@code alg}, {@code kid} and {@code typ: JWT} and nothing else. */
    public LakeTokenAssert hasLakeHeader() {
        isNotNull();
        if (!actual.header().keySet().equals(Set.of("alg", "kid", "typ"))) {
            failWithMessage("Expecting the header to have exactly alg, kid and typ but it has %s", actual.header().keySet());
        }
        return hasHeader("typ", "JWT");
    }

    public LakeTokenAssert hasHeader(String name, Object value) {
        isNotNull();
        if (!Objects.equals(actual.header().get(name), value)) {
            failWithMessage("Expecting header %s to be %s but was %s", name, show(value), show(actual.header().get(name)));
        }
        return this;
    }

    public LakeTokenAssert hasSubject(String sub) {
        return hasClaim(LakeClaims.SUB, sub);
    }

    public LakeTokenAssert hasIssuer(String iss) {
        return hasClaim(LakeClaims.ISS, iss);
    }

    public LakeTokenAssert hasOrgId(String orgId) {
        return hasClaim(LakeClaims.ORG_ID, orgId);
    }

    /** The {@code pat} is this PAT; a failure says only that it differs, never either value. */
    public LakeTokenAssert hasPat(String pat) {
        isNotNull();
        Optional<String> actualPat = actual.pat();
        if (actualPat.isEmpty()) {
            failWithMessage("Expecting the token to carry a pat claim but it has none");
        } else if (!actualPat.get().equals(pat)) {
            failWithMessage("Expecting the token's pat to be the given PAT but it is a different one (%d characters, "
                    + "expected %d)", actualPat.get().length(), pat == null ? 0 : pat.length());
        }
        return this;
    }

    /** {@code aud} is a JSON array with exactly these values, in order. */
    public LakeTokenAssert hasAudience(String... audience) {
        isNotNull();
        Object aud = actual.claims().get(LakeClaims.AUD);
        if (!(aud instanceof List<?> list)) {
            failWithMessage("Expecting aud to be a JSON array %s but was %s", Arrays.toString(audience), show(aud));
            return this;
        }
        if (!list.equals(Arrays.asList(audience))) {
            failWithMessage("Expecting aud to be %s but was %s", Arrays.toString(audience), list);
        }
        return this;
    }

    /** {@code multi-use} is the JSON boolean {@code true}. */
    public LakeTokenAssert isMultiUse() {
        isNotNull();
        Object v = actual.claims().get(LakeClaims.MULTI_USE);
        if (!Boolean.TRUE.equals(v)) {
            failWithMessage("Expecting multi-use to be the JSON boolean true but was %s", show(v));
        }
        return this;
    }

    /** The claim equals {@code value} (use {@link #hasPat} for the PAT). */
    public LakeTokenAssert hasClaim(String name, Object value) {
        if (LakeClaims.PAT.equals(name)) {
            return hasPat(value == null ? null : value.toString());
        }
        isNotNull();
        if (!actual.claims().containsKey(name)) {
            failWithMessage("Expecting claim %s to be %s but the token has no %s (claims: %s)", name, show(value), name,
                    actual.claims().keySet());
        } else if (!Objects.equals(normalize(actual.claims().get(name)), normalize(value))) {
            failWithMessage("Expecting claim %s to be %s but was %s", name, show(value), show(actual.claims().get(name)));
        }
        return this;
    }

    public LakeTokenAssert doesNotHaveClaim(String name) {
        isNotNull();
        if (actual.claims().containsKey(name)) {
            failWithMessage("Expecting no claim %s but the token has one", name);
        }
        return this;
    }

    /** Exactly Lake's eight claims, with Lake's JSON types: aud array, integer times, boolean multi-use, strings. */
    public LakeTokenAssert hasExactlyLakeClaims() {
        isNotNull();
        Map<String, Object> c = actual.claims();
        if (!c.keySet().equals(new HashSet<>(LakeClaims.LAKE_CLAIM_NAMES))) {
            failWithMessage("Expecting exactly the claims %s but the token has %s", LakeClaims.LAKE_CLAIM_NAMES, c.keySet());
        }
        if (!(c.get(LakeClaims.AUD) instanceof List)) {
            failWithMessage("Expecting aud to be a JSON array but was %s", show(c.get(LakeClaims.AUD)));
        }
        for (String time : List.of(LakeClaims.IAT, LakeClaims.EXP)) {
            if (!(c.get(time) instanceof Long)) {
                failWithMessage("Expecting %s to be whole epoch seconds but was %s", time, show(c.get(time)));
            }
        }
        if (!(c.get(LakeClaims.MULTI_USE) instanceof Boolean)) {
            failWithMessage("Expecting multi-use to be a JSON boolean but was %s", show(c.get(LakeClaims.MULTI_USE)));
        }
        for (String text : List.of(LakeClaims.ISS, LakeClaims.ORG_ID, LakeClaims.SUB, LakeClaims.PAT)) {
            if (!(c.get(text) instanceof String)) {
                failWithMessage("Expecting %s to be a string", text);
            }
        }
        return this;
    }

    /** {@code exp - iat} equals {@code lifetime}. */
    public LakeTokenAssert hasLifetime(Duration lifetime) {
        Duration actualLifetime = Duration.between(issuedAt(), expiresAt());
        if (!actualLifetime.equals(lifetime)) {
            failWithMessage("Expecting a lifetime (exp - iat) of %s but was %s", lifetime, actualLifetime);
        }
        return this;
    }

    /** The token expires after now and no later than now + {@code duration}. */
    public LakeTokenAssert expiresWithin(Duration duration) {
        Instant now = clock.instant();
        Instant exp = expiresAt();
        if (!exp.isAfter(now) || exp.isAfter(now.plus(duration))) {
            failWithMessage("Expecting the token to expire within %s of %s but exp is %s", duration, now, exp);
        }
        return this;
    }

    public LakeTokenAssert isNotExpired() {
        Instant now = clock.instant();
        if (!expiresAt().isAfter(now)) {
            failWithMessage("Expecting the token not to be expired at %s but exp is %s", now, expiresAt());
        }
        return this;
    }

    public LakeTokenAssert isExpired() {
        Instant now = clock.instant();
        if (expiresAt().isAfter(now)) {
            failWithMessage("Expecting the token to be expired at %s but exp is %s", now, expiresAt());
        }
        return this;
    }

    /** {@code iat} is within {@code duration} of now, before or after. */
    public LakeTokenAssert wasIssuedWithin(Duration duration) {
        Instant now = clock.instant();
        if (Duration.between(issuedAt(), now).abs().compareTo(duration) > 0) {
            failWithMessage("Expecting iat within %s of %s but iat is %s", duration, now, issuedAt());
        }
        return this;
    }

    /** The signature verifies with {@code key} (JDK only), for the token's own {@code alg}. */
    public LakeTokenAssert isSignedBy(PublicKey key) {
        isNotNull();
        String alg = actual.algorithm().orElse("(none)");
        boolean valid;
        try {
            valid = JcaSignatures.verify(Algorithm.valueOf(alg), key, actual.signingInput(), actual.signature());
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            failWithMessage("Expecting the %s signature to verify with the given %s key but it does not", alg,
                    key.getAlgorithm());
        }
        return this;
    }

    /** The verifier accepts the token (a real verification: signature, claims, users). */
    public LakeTokenAssert isAcceptedBy(LakeTokenVerifier verifier) {
        Verdict verdict = verify(verifier);
        if (verdict.rejected()) {
            failWithMessage("Expecting the token to be accepted but it was rejected: %s: %s", verdict.code(),
                    verdict.message());
        }
        return this;
    }

    /** The fake Lake's verifier accepts the token. */
    public LakeTokenAssert isAcceptedBy(FakeLake lake) {
        return isAcceptedBy(lake.verifier());
    }

    /** The verifier rejects the token for exactly {@code reason}. */
    public LakeTokenAssert isRejectedBy(LakeTokenVerifier verifier, RejectionReason reason) {
        Verdict verdict = verify(verifier);
        if (!verdict.reason().equals(Optional.of(reason))) {
            failWithMessage("Expecting the token to be rejected for %s but the verdict was %s: %s", reason, verdict.code(),
                    verdict.message());
        }
        return this;
    }

    private Verdict verify(LakeTokenVerifier verifier) {
        isNotNull();
        String compact = actual.signingInput().length == 0 ? "" : new String(actual.signingInput(),
                StandardCharsets.US_ASCII) + "."
                + Base64.getUrlEncoder().withoutPadding().encodeToString(actual.signature());
        return verifier.verify(compact);
    }

    private Instant issuedAt() {
        isNotNull();
        return actual.issuedAt().orElseThrow(() -> new AssertionError("Expecting the token to have iat as epoch seconds"));
    }

    private Instant expiresAt() {
        isNotNull();
        return actual.expiresAt().orElseThrow(() -> new AssertionError("Expecting the token to have exp as epoch seconds"));
    }

    private static Object normalize(Object v) {
        return v instanceof Integer || v instanceof Short || v instanceof Byte ? Long.valueOf(((Number) v).longValue()) : v;
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }
}
