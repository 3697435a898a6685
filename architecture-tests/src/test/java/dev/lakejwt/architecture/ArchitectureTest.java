package dev.lakejwt.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import dev.lakejwt.benchmarks.violation.BenchmarkFixture;
import dev.lakejwt.cli.violation.CliFixture;
import dev.lakejwt.core.violation.CoreUsingNimbus;
import dev.lakejwt.core.violation.CoreUsingTestkit;
import dev.lakejwt.core.violation.CoreUsingWireMock;
import dev.lakejwt.core.violation.ExposesJackson;
import dev.lakejwt.core.violation.Printer;
import dev.lakejwt.core.violation.cycle.a.A;
import dev.lakejwt.core.violation.cycle.b.B;
import dev.lakejwt.jjwt.violation.AdapterUsingBenchmarks;
import dev.lakejwt.testkit.violation.TestkitFixture;
import dev.lakejwt.testkit.verify.violation.VerifierUsingWireMock;
import dev.lakejwt.testkit.violation.TestkitUsingCli;
import dev.lakejwt.testkit.violation.TestkitUsingNimbus;
import dev.lakejwt.testkit.violation.UsesCoreInternal;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every rule of {@link LakeJwtRules} on the main code of all library modules, and proves each
 * rule can fail by evaluating it on a deliberate violation from this module's test sources.
 */
class ArchitectureTest {
    private static JavaClasses mainClasses;

    @BeforeAll
    static void importMainClasses() {
        mainClasses = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.lakejwt");
    }

    @Test
    void mainCodeOfTheLibraryModulesIsImported() {
        assertThat(mainClasses.containPackage("dev.lakejwt.core.sign")).isTrue();
        assertThat(mainClasses.containPackage("dev.lakejwt.core.violation"))
                .as("test fixtures must not be part of the checked code").isFalse();
    }

    static Stream<ArchRule> rules() {
        return LakeJwtRules.all().stream();
    }

    @ParameterizedTest
    @MethodSource("rules")
    void mainCodeFollowsTheRule(ArchRule rule) {
        rule.check(mainClasses);
    }

    static Stream<Arguments> violations() {
        return Stream.of(
                Arguments.of(LakeJwtRules.CORE_DEPENDS_ONLY_ON_ITS_ALLOWED_LIBRARIES, CoreUsingTestkit.class,
                        new Class<?>[] {CoreUsingTestkit.class, TestkitFixture.class}),
                Arguments.of(LakeJwtRules.CORE_KNOWS_NO_JOSE_LIBRARY, CoreUsingNimbus.class,
                        new Class<?>[] {CoreUsingNimbus.class}),
                Arguments.of(LakeJwtRules.CORE_KNOWS_NO_WIREMOCK, CoreUsingWireMock.class,
                        new Class<?>[] {CoreUsingWireMock.class}),
                Arguments.of(LakeJwtRules.NOTHING_DEPENDS_ON_SAMPLES, TestkitUsingCli.class,
                        new Class<?>[] {TestkitUsingCli.class, CliFixture.class}),
                Arguments.of(LakeJwtRules.NOTHING_DEPENDS_ON_BENCHMARKS, AdapterUsingBenchmarks.class,
                        new Class<?>[] {AdapterUsingBenchmarks.class, BenchmarkFixture.class}),
                Arguments.of(LakeJwtRules.NO_PACKAGE_CYCLES, A.class, new Class<?>[] {A.class, B.class}),
                Arguments.of(LakeJwtRules.NO_STANDARD_STREAMS_IN_LIBRARIES, Printer.class,
                        new Class<?>[] {Printer.class}),
                Arguments.of(LakeJwtRules.CORE_INTERNALS_STAY_IN_CORE, UsesCoreInternal.class,
                        new Class<?>[] {UsesCoreInternal.class}),
                Arguments.of(LakeJwtRules.PUBLIC_API_EXPOSES_NO_THIRD_PARTY_TYPES, ExposesJackson.class,
                        new Class<?>[] {ExposesJackson.class}),
                Arguments.of(LakeJwtRules.TESTKIT_KNOWS_NO_JOSE_LIBRARY, TestkitUsingNimbus.class,
                        new Class<?>[] {TestkitUsingNimbus.class}),
                Arguments.of(LakeJwtRules.VERIFIER_USES_THE_JDK_ALONE, VerifierUsingWireMock.class,
                        new Class<?>[] {VerifierUsingWireMock.class}));
    }

    @ParameterizedTest
    @MethodSource("violations")
    void ruleFailsOnADeliberateViolation(ArchRule rule, Class<?> culprit, Class<?>[] fixture) {
        EvaluationResult result = rule.evaluate(new ClassFileImporter().importClasses(fixture));

        assertThat(result.hasViolation()).as("rule must report the violation: %s", rule.getDescription()).isTrue();
        assertThat(String.join("\n", result.getFailureReport().getDetails())).contains(culprit.getSimpleName());
    }

    @Test
    void everyRuleHasADeliberateViolation() {
        assertThat(violations().map(a -> a.get()[0])).containsExactlyInAnyOrderElementsOf(LakeJwtRules.all());
    }
}
