package dev.lakejwt.testkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.LakeIdentity;
import dev.lakejwt.testkit.junit.FakeLakeExtension;
import dev.lakejwt.testkit.junit.LakeUser;
import dev.lakejwt.testkit.verify.RejectionReason;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** docs/testkit.md's builder example, verbatim. */
class BuilderExampleTest {
    @RegisterExtension
    static final FakeLakeExtension LAKE = FakeLakeExtension.builder()
            .perTest()
            .configure(b -> b.system("etl").orgId("my-org-id"))
            .build();

    @Test
    void refusesAnExpiredToken(FakeLake lake, @LakeUser("alice") LakeIdentity alice) {
        String old = alice.token();
        lake.clock().advance(Duration.ofHours(2));
        assertThat(lake.verifier().verify(old).reason()).hasValue(RejectionReason.EXPIRED);
    }
}
