package dev.lakejwt.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.testkit.verify.LakeTokenVerifier;
import dev.lakejwt.testkit.verify.RejectionReason;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** LakeTokenAssert and VerdictAssert: each assertion passes on a matching token and fails, PAT-free, on another. */
class LakeTokenAssertTest {
    private static FakeLake lake;
    private static LakeIdentity me;
    private static LakeIdentity other;

    @BeforeAll
    static void start() {
        lake = FakeLake.start();
        me = lake.identity("demo_user").pat("pat-ASSERT-secret-1").create();
        other = lake.newIdentity("other_user");
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    @Test
    void aValidTokenPassesEveryAssertion() {
        String token = me.token();

        LakeTokenAssert.assertThat(token)
                .hasLakeHeader().hasAlgorithm(Algorithm.RS256).hasKeyId("primary")
                .hasExactlyLakeClaims().hasSubject("demo_user").hasIssuer("wiki").hasOrgId(lake.orgId())
                .hasPat("pat-ASSERT-secret-1").hasAudience(LakeClaims.LAKE_AUDIENCE).isMultiUse()
                .hasLifetime(Duration.ofHours(1)).expiresWithin(Duration.ofHours(1)).isNotExpired()
                .wasIssuedWithin(Duration.ofMinutes(1)).isSignedBy(me.publicKey())
                .isAcceptedBy(lake).isAcceptedBy(LakeTokenVerifier.forPublicKey(me.publicKey()))
                .hasClaim("multi-use", true).doesNotHaveClaim("nbf");
    }

    @Test
    void failuresSayWhatDiffersAndNeverShowThePat() {
        String token = me.sign(me.claimsBuilder().claim("team", "x").build());
        List<Runnable> failing = List.of(
                () -> LakeTokenAssert.assertThat(token).hasSubject("someone"),
                () -> LakeTokenAssert.assertThat(token).hasPat("another-pat"),
                () -> LakeTokenAssert.assertThat(token).hasClaim("pat", "another-pat"),
                () -> LakeTokenAssert.assertThat(token).hasExactlyLakeClaims(),
                () -> LakeTokenAssert.assertThat(token).hasAudience("td:service:other"),
                () -> LakeTokenAssert.assertThat(token).expiresWithin(Duration.ofMinutes(5)),
                () -> LakeTokenAssert.assertThat(token).isExpired(),
                () -> LakeTokenAssert.assertThat(token).isSignedBy(other.publicKey()),
                () -> LakeTokenAssert.assertThat(token).hasKeyId("primary.pem"),
                () -> LakeTokenAssert.assertThat(token).isRejectedBy(lake.verifier(), RejectionReason.EXPIRED),
                () -> LakeTokenAssert.assertThat(token).doesNotHaveClaim("team"),
                () -> LakeTokenAssert.assertThat("not.a-token"));

        for (Runnable assertion : failing) {
            assertThatThrownBy(assertion::run).isInstanceOf(AssertionError.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("pat-ASSERT-secret-1").doesNotContain(token));
        }
        assertThatThrownBy(() -> LakeTokenAssert.assertThat(token).hasSubject("someone"))
                .hasMessageContaining("Expecting claim sub to be \"someone\" but was \"demo_user\"");
    }

    @Test
    void timeAssertionsFollowTheGivenClock() {
        String token = me.token();
        lake.clock().advance(Duration.ofHours(2));
        try {
            LakeTokenAssert.assertThat(token).at(lake.clock()).isExpired();
            LakeTokenAssert.assertThat(token).isNotExpired();
            LakeTokenAssert.assertThat(token).isRejectedBy(lake.verifier(), RejectionReason.EXPIRED);
        } finally {
            lake.clock().reset();
        }
    }

    @Test
    void verdictAssertionsReadTheJournal() {
        lake.verifier().verify(me.token());
        var accepted = lake.verifier().verify(me.token());
        var rejected = lake.verifier().verify(me.sign(me.claimsBuilder().orgId("wrong").build()));

        LakeTokenAssert.assertThat(accepted).isAccepted().token().hasSubject("demo_user");
        LakeTokenAssert.assertThat(rejected).isRejected().isRejectedFor(RejectionReason.WRONG_ORGANIZATION)
                .hasMessageContaining("org_id 'wrong'");
        assertThatThrownBy(() -> LakeTokenAssert.assertThat(rejected).isAccepted())
                .hasMessageContaining("WRONG_ORGANIZATION");
        assertThatThrownBy(() -> LakeTokenAssert.assertThat(accepted).isRejectedFor(RejectionReason.EXPIRED))
                .hasMessageContaining("ACCEPTED");
        assertThatThrownBy(() -> LakeTokenAssert.assertThat(lake.verifier().verify("x")).token())
                .hasMessageContaining("no");
    }
}
