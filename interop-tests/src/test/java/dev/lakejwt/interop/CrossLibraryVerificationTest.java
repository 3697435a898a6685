package dev.lakejwt.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.sign.JwtSigners;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every signer's token verifies under every library's strict verifier and under the JDK, for every
 * algorithm; the decoded claim sets are equal across signers; and each strict verifier really is
 * strict (it rejects another key, another audience, another algorithm and an expired token).
 */
class CrossLibraryVerificationTest {
    static final List<String> SIGNERS = List.of("jdk", "jjwt", "nimbus", "jose4j");
    private static final LakeCredentials CREDENTIALS =
            new LakeCredentials("demo_user", "pat-0d6e2b1c", "a1b2c3d4-0000-4000-8000-0123456789ab");

    static Stream<Arguments> signerAlgorithmVerifier() {
        List<Arguments> cases = new ArrayList<>();
        for (String signer : SIGNERS) {
            for (Algorithm algorithm : Algorithm.values()) {
                for (StrictVerifier verifier : StrictVerifier.all()) {
                    cases.add(Arguments.of(signer, algorithm, verifier));
                }
            }
        }
        return cases.stream();
    }

    static Stream<Arguments> algorithmVerifier() {
        return Stream.of(Algorithm.values())
                .flatMap(a -> StrictVerifier.all().stream().map(v -> Arguments.of(a, v)));
    }

    static Stream<StrictVerifier> verifiers() {
        return StrictVerifier.all().stream();
    }

    private static LakeClaims claimsNow() {
        Clock clock = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);
        return ClaimsAssembler.builder().clock(clock)
                .claim("scope", List.of("query", "systems"))
                .claim("client", Map.of("name", "lakejwt", "version", 1))
                .build().assemble(CREDENTIALS);
    }

    @ParameterizedTest(name = "{0} {1} token verifies under {2}")
    @MethodSource("signerAlgorithmVerifier")
    void everySignersTokenVerifiesUnderEveryStrictVerifier(String signer, Algorithm algorithm, StrictVerifier verifier)
            throws Exception {
        LakeClaims claims = claimsNow();
        String token = JwtSigners.named(signer).sign(claims, TestKeys.signingKey(algorithm));

        Map<String, Object> decoded = verifier.verify(token, TestKeys.publicKey(algorithm), algorithm, TestKeys.KID);

        assertThat(decoded).containsKeys(LakeClaims.LAKE_CLAIM_NAMES.toArray(String[]::new))
                .containsKeys("scope", "client")
                .containsEntry(LakeClaims.PAT, CREDENTIALS.pat())
                .containsEntry(LakeClaims.MULTI_USE, true);
    }

    @ParameterizedTest(name = "under {1}, {0} claims decode equal for every signer")
    @MethodSource("algorithmVerifier")
    void decodedClaimSetsAreEqualAcrossSigners(Algorithm algorithm, StrictVerifier verifier) throws Exception {
        LakeClaims claims = claimsNow();
        Map<String, Map<String, Object>> decoded = new LinkedHashMap<>();
        for (String signer : SIGNERS) {
            String token = JwtSigners.named(signer).sign(claims, TestKeys.signingKey(algorithm));
            decoded.put(signer, verifier.verify(token, TestKeys.publicKey(algorithm), algorithm, TestKeys.KID));
        }

        for (String signer : SIGNERS) {
            assertThat(decoded.get(signer)).as("claims from %s", signer).isEqualTo(decoded.get("jdk"));
        }
        Map<String, Object> reference = new JdkVerifier().verify(JwtSigners.named("jdk").sign(claims,
                TestKeys.signingKey(algorithm)), TestKeys.publicKey(algorithm), algorithm, TestKeys.KID);
        assertThat(reference).containsEntry("aud", List.of(LakeClaims.LAKE_AUDIENCE))
                .containsEntry("iat", (int) claims.issuedAt())
                .containsEntry("exp", (int) claims.expiresAt())
                .containsEntry("sub", "demo_user")
                .containsEntry("org_id", CREDENTIALS.orgId());
    }

    @ParameterizedTest(name = "{0} rejects a {1} token signed by another key")
    @MethodSource("algorithmVerifierSwapped")
    void strictVerifierRejectsATokenSignedByAnotherKey(StrictVerifier verifier, Algorithm algorithm) {
        String token = JwtSigners.named("jdk").sign(claimsNow(), TestKeys.signingKey(algorithm));

        assertThatThrownBy(() -> verifier.verify(token, TestKeys.strangersPublicKey(algorithm), algorithm, TestKeys.KID))
                .isInstanceOf(Exception.class);
    }

    static Stream<Arguments> algorithmVerifierSwapped() {
        return algorithmVerifier().map(a -> Arguments.of(a.get()[1], a.get()[0]));
    }

    @ParameterizedTest(name = "{0} rejects another audience")
    @MethodSource("verifiers")
    void strictVerifierRejectsAnotherAudience(StrictVerifier verifier) {
        LakeClaims claims = claimsNow().toBuilder().audience(List.of("other")).build();
        String token = JwtSigners.named("jdk").sign(claims, TestKeys.signingKey(Algorithm.RS256));

        assertThatThrownBy(() -> verifier.verify(token, TestKeys.publicKey(Algorithm.RS256), Algorithm.RS256,
                TestKeys.KID)).isInstanceOf(Exception.class);
    }

    @ParameterizedTest(name = "{0} pinned to RS256 rejects a PS256 token from the same key")
    @MethodSource("verifiers")
    void strictVerifierRejectsAnotherAlgorithm(StrictVerifier verifier) {
        String token = JwtSigners.named("jdk").sign(claimsNow(), TestKeys.signingKey(Algorithm.PS256));

        assertThatThrownBy(() -> verifier.verify(token, TestKeys.publicKey(Algorithm.RS256), Algorithm.RS256,
                TestKeys.KID)).isInstanceOf(Exception.class);
    }

    @ParameterizedTest(name = "{0} rejects an expired token")
    @MethodSource("verifiers")
    void strictVerifierRejectsAnExpiredToken(StrictVerifier verifier) {
        long anHourAgo = Instant.now().getEpochSecond() - 3600;
        LakeClaims claims = claimsNow().toBuilder().issuedAt(anHourAgo - 600).expiresAt(anHourAgo).build();
        String token = JwtSigners.named("jdk").sign(claims, TestKeys.signingKey(Algorithm.RS256));

        assertThatThrownBy(() -> verifier.verify(token, TestKeys.publicKey(Algorithm.RS256), Algorithm.RS256,
                TestKeys.KID)).isInstanceOf(Exception.class);
    }
}
