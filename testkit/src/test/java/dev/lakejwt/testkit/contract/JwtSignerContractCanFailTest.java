package dev.lakejwt.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/** The contract is not a rubber stamp: a signer broken in one way fails exactly the tests about that. */
class JwtSignerContractCanFailTest {
    static final ObjectMapper JSON = new ObjectMapper();

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

    private static Set<String> failedTests(Class<? extends JwtSignerContract> contract) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
        assertThat(tests.started().count()).as("the whole contract ran").isEqualTo(13);
        List<Event> failed = tests.failed().list();
        return failed.stream().map(e -> ((MethodSource) e.getTestDescriptor().getSource().orElseThrow()).getMethodName())
                .collect(Collectors.toSet());
    }

    @Test
    void aOneElementAudienceWrittenAsAStringFailsTheClaimTest() {
        assertThat(failedTests(StringAudienceContract.class)).containsExactly("claimsAreExactlyLakesNamesTypesAndValues");
    }

    @Test
    void aSignerIgnoringItsProviderFailsTheProviderTest() {
        assertThat(failedTests(IgnoresProviderContract.class)).containsExactly("signsWithTheJcaProviderItIsGiven");
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
        assertThat(tests.succeeded().count()).isEqualTo(13);
        assertThat(tests.list()).noneMatch(e -> e.getPayload(TestExecutionResult.class)
                .map(r -> r.getStatus() == TestExecutionResult.Status.ABORTED).orElse(false));
    }
}
