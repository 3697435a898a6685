package dev.lakejwt.testkit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.SigningKey;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The verifier on its own: the signature-and-claims mode the CLI uses, the registry mode, and its builder. */
class LakeTokenVerifierTest {
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String PAT = "pat-verifier-SECRET";
    private static KeyPair keys;
    private static KeyPair otherKeys;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
        otherKeys = g.generateKeyPair();
    }

    private static LakeClaims claims(String sub, String org) {
        return LakeClaims.builder().issuedAt(NOW.getEpochSecond()).expiresAt(NOW.getEpochSecond() + 3600).orgId(org)
                .pat(PAT).subject(sub).build();
    }

    private static String token(LakeClaims claims, String kid, KeyPair pair) {
        return new JdkJwtSigner().sign(claims, SigningKey.of(kid, pair.getPrivate()));
    }

    @Test
    void publicKeyModeChecksSignatureAndClaimsButNotUsersOrOrganization() {
        LakeTokenVerifier verifier = LakeTokenVerifier.builder().publicKey(keys.getPublic()).clock(CLOCK).build();

        Verdict anyKidAnyUser = verifier.verify(token(claims("anyone", "any-org"), "whatever", keys));
        Verdict otherKey = verifier.verify(token(claims("anyone", "any-org"), "whatever", otherKeys));
        Verdict expired = verifier.verify(token(claims("anyone", "any-org").toBuilder()
                .issuedAt(NOW.getEpochSecond() - 7200).expiresAt(NOW.getEpochSecond() - 3600).build(), "k", keys));

        assertThat(anyKidAnyUser.accepted()).as("%s", anyKidAnyUser).isTrue();
        assertThat(anyKidAnyUser.message()).contains("accepted").contains("'anyone'").contains("60 min");
        assertThat(otherKey.reason()).hasValue(RejectionReason.BAD_SIGNATURE);
        assertThat(expired.reason()).hasValue(RejectionReason.EXPIRED);
    }

    @Test
    void forPublicKeyIsTheSameAsTheBuilderWithTheSystemClock() {
        LakeTokenVerifier verifier = LakeTokenVerifier.forPublicKey(keys.getPublic());
        long now = Instant.now().getEpochSecond();

        Verdict v = verifier.verify(token(claims("u", "o").toBuilder().issuedAt(now).expiresAt(now + 60).build(), "k", keys));

        assertThat(v.accepted()).as("%s", v).isTrue();
        assertThat(verifier.organization()).isEmpty();
    }

    @Test
    void organizationIsCheckedWhenGiven() {
        LakeTokenVerifier verifier = LakeTokenVerifier.builder().publicKey(keys.getPublic()).organization("org-1")
                .clock(CLOCK).build();

        assertThat(verifier.verify(token(claims("u", "org-1"), "k", keys)).accepted()).isTrue();
        assertThat(verifier.verify(token(claims("u", "org-2"), "k", keys)).reason())
                .hasValue(RejectionReason.WRONG_ORGANIZATION);
    }

    @Test
    void usersGivenToTheBuilderTurnOnSubjectAndPatChecks() {
        LakeTokenVerifier verifier = LakeTokenVerifier.builder().key("primary", keys.getPublic())
                .user("demo_user", PAT).clock(CLOCK).build();

        assertThat(verifier.verify(token(claims("demo_user", "o"), "primary", keys)).accepted()).isTrue();
        assertThat(verifier.verify(token(claims("ghost", "o"), "primary", keys)).reason())
                .hasValue(RejectionReason.UNKNOWN_SUBJECT);
        assertThat(verifier.verify(token(claims("demo_user", "o"), "secondary", keys)).reason())
                .hasValue(RejectionReason.UNKNOWN_KID);
    }

    @Test
    void skewAndMaximumLifetimeAreConfigurable() {
        LakeTokenVerifier strict = LakeTokenVerifier.builder().publicKey(keys.getPublic()).clock(CLOCK)
                .allowedSkew(Duration.ZERO).maxLifetime(Duration.ofMinutes(5)).build();
        LakeClaims base = claims("u", "o");

        assertThat(strict.verify(token(base.toBuilder().issuedAt(NOW.getEpochSecond() + 1)
                .expiresAt(NOW.getEpochSecond() + 60).build(), "k", keys)).reason())
                .hasValue(RejectionReason.ISSUED_IN_FUTURE);
        assertThat(strict.verify(token(base, "k", keys)).reason()).hasValue(RejectionReason.LIFETIME_OUT_OF_RANGE);
        assertThat(strict.verify(token(base.toBuilder().expiresAt(NOW.getEpochSecond() + 300).build(), "k", keys))
                .accepted()).isTrue();
    }

    @Test
    void pinnedIssuerAcceptsOnlyThatIssuer() {
        LakeTokenVerifier pinned = LakeTokenVerifier.builder().publicKey(keys.getPublic()).clock(CLOCK)
                .issuer("tdmodelops").build();

        assertThat(pinned.verify(token(claims("u", "o").toBuilder().issuer("tdmodelops").build(), "k", keys))
                .accepted()).isTrue();
        assertThat(pinned.verify(token(claims("u", "o"), "k", keys)).reason()).hasValue(RejectionReason.WRONG_ISSUER);
    }

    @Test
    void neverThrowsAndMasksThePat() {
        LakeTokenVerifier verifier = LakeTokenVerifier.forPublicKey(keys.getPublic());
        String token = token(claims("u", "o"), "k", keys);

        for (String input : new String[] {null, "", " ", "..", "a.b.c", "\u0000.\u0000.\u0000", token + token}) {
            Verdict v = verifier.verify(input);
            assertThat(v.rejected()).isTrue();
        }
        Verdict accepted = LakeTokenVerifier.builder().publicKey(keys.getPublic()).clock(CLOCK).build().verify(token);
        assertThat(accepted.claims()).containsEntry("pat", PAT);
        assertThat(accepted.maskedClaims()).containsEntry("pat", DecodedToken.MASK);
        assertThat(accepted.toString()).doesNotContain(PAT).doesNotContain(token).contains(DecodedToken.MASK);
        assertThat(accepted.token().orElseThrow().toString()).doesNotContain(PAT);
        assertThat(verifier.verifyAuthorization(null).reason()).hasValue(RejectionReason.MISSING_AUTHORIZATION);
        assertThat(verifier.verifyAuthorization("bearer " + token).reason())
                .as("the scheme is case-insensitive").isNotEqualTo(java.util.Optional.of(RejectionReason.NOT_BEARER));
    }

    @Test
    void decodedTokenExposesTheClaimsItHas() {
        DecodedToken t = DecodedToken.decode(token(claims("u", "o"), "kid-1", keys));

        assertThat(t.algorithm()).hasValue("RS256");
        assertThat(t.keyId()).hasValue("kid-1");
        assertThat(t.type()).hasValue("JWT");
        assertThat(t.subject()).hasValue("u");
        assertThat(t.orgId()).hasValue("o");
        assertThat(t.audience()).containsExactly(LakeClaims.LAKE_AUDIENCE);
        assertThat(t.issuedAt()).hasValue(NOW);
        assertThat(t.expiresAt()).hasValue(NOW.plusSeconds(3600));
        assertThat(t.multiUse()).hasValue(true);
        assertThat(t.claims().keySet()).containsExactlyElementsOf(LakeClaims.LAKE_CLAIM_NAMES);
        assertThat(t.headerJson()).isEqualTo("{\"alg\":\"RS256\",\"kid\":\"kid-1\",\"typ\":\"JWT\"}");
        assertThatThrownBy(() -> DecodedToken.decode("x.y")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MALFORMED_TOKEN");
    }

    @Test
    void aVerifierNeedsKeys() {
        assertThatThrownBy(() -> LakeTokenVerifier.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("publicKey(key)");
        assertThatThrownBy(() -> LakeTokenVerifier.builder().publicKey(keys.getPublic()).allowedSkew(Duration.ofSeconds(-1))
                .build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDirectoryRefusesKeysThatCannotSignLakeTokens() throws Exception {
        KeyPairGenerator dsa = KeyPairGenerator.getInstance("DSA");
        dsa.initialize(2048);

        assertThatThrownBy(() -> new LakeDirectory().addKey("k", dsa.generateKeyPair().getPublic()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DSA");
        assertThatThrownBy(() -> new LakeDirectory().revokeKey("nope")).hasMessageContaining("no key 'nope'");
        assertThatThrownBy(() -> new LakeDirectory().revokePat(PAT)).hasMessageNotContaining(PAT);
    }
}
