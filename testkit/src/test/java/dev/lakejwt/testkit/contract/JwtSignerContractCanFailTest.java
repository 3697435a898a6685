package dev.lakejwt.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.TestAbortedException;

/** The contract is not a rubber stamp: a signer broken in one way fails exactly the tests about that. */
class JwtSignerContractCanFailTest {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONTRACT_TESTS = 15;
    private static final Set<String> PKCS11_TESTS = Set.of("rs256WithAKeyThatNeverLeavesAPkcs11TokenIsAccepted",
            "es256WithAKeyThatNeverLeavesAPkcs11TokenIsAccepted");

    static class StringAudienceContract extends JwtSignerContract {
        @Override
        protected JwtSigner signer() {
            return JwtSigners.named("broken-string-aud");
        }
    }

    static class IgnoresProviderContract extends JwtSignerContract {
        @Override
        protected JwtSigner signer() {
            return JwtSigners.named("broken-ignores-provider");
        }
    }

    static class LeakyFailuresContract extends JwtSignerContract {
        @Override
        protected JwtSigner signer() {
            return JwtSigners.named("broken-leaky");
        }
    }

    static class ExportsTheKeyContract extends JwtSignerContract {
        @Override
        protected JwtSigner signer() {
            return JwtSigners.named("broken-exports-key");
        }
    }

    private static Set<String> failedTests(Class<? extends JwtSignerContract> contract) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
        assertThat(tests.started().count()).as("the whole contract ran").isEqualTo(CONTRACT_TESTS);
        List<Event> failed = tests.failed().list();
        return failed.stream().map(e -> ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName())
                .collect(Collectors.toSet());
    }

    @Test
    void aOneElementAudienceWrittenAsAStringFailsTheClaimTest() {
        assertThat(failedTests(StringAudienceContract.class)).containsExactly("claimsAreExactlyLakesNamesTypesAndValues");
    }

    @Test
    void aSignerIgnoringItsProviderFailsTheProviderTestAndThePkcs11Tests() {
        Set<String> expected = new HashSet<>(Set.of("signsWithTheJcaProviderItIsGiven"));
        if (softHsmInstalled()) {
            expected.addAll(PKCS11_TESTS);
        }

        assertThat(failedTests(IgnoresProviderContract.class)).as("the JCA default cannot use a token's key")
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aSignerThatCopiesTheKeyMaterialFailsExactlyThePkcs11Tests() {
        assertThat(failedTests(ExportsTheKeyContract.class)).as("a token key has no material to copy")
                .isEqualTo(softHsmInstalled() ? PKCS11_TESTS : Set.of());
    }

    @Test
    void aSignerPassingOnRawFailuresWithThePatFailsTheErrorAndSecretTests() {
        assertThat(failedTests(LeakyFailuresContract.class)).containsExactlyInAnyOrder(
                "aKeyOfTheWrongTypeFailsWithAClearSigningException", "noPatKeyMaterialOrTokenInToStringOrMessages");
    }

    @Test
    void theReferenceSignerPassesEverything() {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(JdkSignerContractTest.class))
                .execute().testEvents();

        assertThat(tests.failed().count()).isZero();
        Set<String> skipped = tests.aborted().stream()
                .map(e -> ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName())
                .collect(Collectors.toSet());
        assertThat(skipped).as("only the PKCS#11 tests may skip, and only without SoftHSM")
                .isEqualTo(softHsmInstalled() ? Set.of() : PKCS11_TESTS);
        assertThat(tests.succeeded().count()).isEqualTo(CONTRACT_TESTS - skipped.size());
    }

    /** Whether SoftHSM is there; without it, and without LAKEJWT_REQUIRE_SOFTHSM=1, the PKCS#11 tests skip. */
    private static boolean softHsmInstalled() {
        try {
            SoftHsm.get();
            return true;
        } catch (TestAbortedException e) {
            return false;
        }
    }
}
