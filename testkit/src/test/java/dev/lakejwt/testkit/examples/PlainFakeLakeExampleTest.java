package dev.lakejwt.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.client.QueryResult;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.LakeFault;
import dev.lakejwt.testkit.LakeIdentity;
import dev.lakejwt.testkit.LakeTokenAssert;
import dev.lakejwt.testkit.Latency;
import dev.lakejwt.testkit.QueryAnswer;
import dev.lakejwt.testkit.verify.RejectionReason;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/testkit.md's examples without JUnit's extension, as they are written there, plus what they promise. */
class PlainFakeLakeExampleTest {
    @Test
    void aFakeWithoutTheExtension() {
        try (FakeLake lake = FakeLake.start()) {
            LakeIdentity me = lake.newIdentity("demo_user");
            me.client().query(lake.defaultSystem(), "SEL * FROM dbc.dbcinfo");
            LakeTokenAssert.assertThat(lake.journal().last().verdict()).isAccepted()
                    .token().hasSubject("demo_user").hasAudience("td:service:authentication").isMultiUse()
                    .expiresWithin(Duration.ofHours(1));
        }
    }

    @Test
    void stubs() {
        try (FakeLake lake = FakeLake.start()) {
            lake.stubQuery("SEL COUNT(*) FROM sales.orders", QueryAnswer.table().column("Count(*)", "INTEGER").row(42).build());
            lake.stubQuery(Pattern.compile("(?i)DELETE FROM \\w+"), QueryAnswer.updateCount(3));
            lake.stubQuery("SEL bad", QueryAnswer.error("3706", "Syntax error, expected something like a name."));
            lake.onQuery(r -> r.user().equals("alice") ? Optional.of(QueryAnswer.dbcInfo()) : Optional.empty());

            QueryResult count = lake.newIdentity("demo_user").client().query("shared_demo", "sel count(*) from sales.orders");
            QueryResult alice = lake.newIdentity("alice").client().query("shared_demo", "SEL anything");
            assertThat(count.first().rows().get(0)).containsExactly(42L);
            assertThat(alice.first().rows()).hasSize(3);
        }
    }

    @Test
    void programmingTheFake() {
        try (FakeLake lake = FakeLake.start()) {
            PublicKey bobsPublicKey = lake.newIdentity("someone").publicKey();
            lake.registerUser("bob", "bobs-pat");
            lake.registerPat("bob", "short-pat", lake.clock().instant().plus(Duration.ofMinutes(10)));
            lake.registerKey("bob", "primary", bobsPublicKey);
            lake.revokePat("bobs-pat");
            lake.expirePat("short-pat");
            LakeIdentity rotated = lake.newIdentity("bob");
            lake.revokeKey("bob", "primary");
            lake.clock().advance(Duration.ofHours(2));

            assertThat(rotated.keyId()).isEqualTo("primary-2");
            assertThat(lake.verifier().verify(rotated.token()).accepted()).isTrue();
            assertThat(lake.journal().rejected(RejectionReason.EXPIRED)).isEmpty();
            lake.reset();
            assertThat(lake.directory().users()).isEmpty();
        }
    }

    @Test
    void faultInjection() {
        try (FakeLake lake = FakeLake.start()) {
            lake.failNext(2, LakeFault.tooManyRequests(Duration.ofSeconds(3)));
            lake.failNext(1, LakeFault.serviceUnavailable());
            lake.failNext(1, LakeFault.serverError());
            lake.failNext(1, LakeFault.status(412).withError("412", "session in use"));
            lake.failNext(1, LakeFault.connectionReset());
            lake.failNext(1, LakeFault.delayed(Duration.ofMillis(400)));
            lake.latency(Latency.uniform(Duration.ofMillis(50), Duration.ofMillis(150)));
            assertThat(lake.pendingFaults()).isEqualTo(7);
            lake.clearFaults();
            assertThat(lake.pendingFaults()).isZero();
        }
    }
}
