package dev.lakejwt.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The project's module rules, as ArchUnit rules that {@link ArchitectureTest} checks and proves can fail. */
final class LakeJwtRules {
    static final String CORE = "dev.lakejwt.core..";
    static final String[] JOSE_LIBRARIES = {"io.jsonwebtoken..", "com.nimbusds..", "org.jose4j.."};
    static final String[] WIREMOCK = {"com.github.tomakehurst..", "org.wiremock..", "wiremock.."};
    static final String[] SAMPLES = {"dev.lakejwt.cli..", "dev.lakejwt.samples.."};
    static final String BENCHMARKS = "dev.lakejwt.benchmarks..";
    static final String[] LIBRARY_MODULES = {CORE, "dev.lakejwt.jjwt..", "dev.lakejwt.nimbus..", "dev.lakejwt.jose4j..",
        "dev.lakejwt.testkit.."};
    static final String TESTKIT_VERIFY = "dev.lakejwt.testkit.verify..";
    /** Where printing is the job: the fake Lake's standalone main. */
    static final String STANDALONE = "dev.lakejwt.testkit.standalone..";
    private static final Set<String> HIDDEN_THIRD_PARTY = Set.of("org.bouncycastle", "com.fasterxml.jackson",
            "io.jsonwebtoken", "com.nimbusds", "org.jose4j");

    private LakeJwtRules() {
    }

    /** core depends on the JDK, Jackson, BouncyCastle and SLF4J only: no JOSE library, no WireMock, no other module. */
    static final ArchRule CORE_DEPENDS_ONLY_ON_ITS_ALLOWED_LIBRARIES = classes().that().resideInAPackage(CORE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(CORE, "java..", "javax..",
                    "com.fasterxml.jackson..", "org.bouncycastle..", "org.slf4j..")
            .because("core must stay usable with any JOSE library and without test tooling (DESIGN.md, modules table)");

    static final ArchRule CORE_KNOWS_NO_JOSE_LIBRARY = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(JOSE_LIBRARIES)
            .because("JOSE libraries are plugged in through the JwtSigner SPI");

    static final ArchRule CORE_KNOWS_NO_WIREMOCK = noClasses().that().resideInAPackage(CORE)
            .should().dependOnClassesThat().resideInAnyPackage(WIREMOCK)
            .because("WireMock is a test and testkit concern");

    static final ArchRule NOTHING_DEPENDS_ON_SAMPLES = noClasses().that().resideOutsideOfPackages(SAMPLES)
            .should().dependOnClassesThat().resideInAnyPackage(SAMPLES)
            .because("samples are leaves: copyable quickstarts and the CLI");

    static final ArchRule NOTHING_DEPENDS_ON_BENCHMARKS = noClasses().that().resideOutsideOfPackage(BENCHMARKS)
            .should().dependOnClassesThat().resideInAPackage(BENCHMARKS)
            .because("benchmarks are leaves");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("dev.lakejwt.(**)").should().beFreeOfCycles();

    static final ArchRule NO_STANDARD_STREAMS_IN_LIBRARIES = noClasses().that().resideInAnyPackage(LIBRARY_MODULES)
            .and().resideOutsideOfPackage(STANDALONE)
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("libraries log through SLF4J; only the CLI and the standalone fake print");

    static final ArchRule CORE_INTERNALS_STAY_IN_CORE = noClasses().that().resideOutsideOfPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage("dev.lakejwt.core.internal..")
            .because("dev.lakejwt.core.internal is not API")
            // Empty until modules beside core have code; the deliberate violation proves the rule still bites.
            .allowEmptyShould(true);

    /** The fake Lake must judge tokens independently of the three adapters it is used to test. */
    static final ArchRule TESTKIT_KNOWS_NO_JOSE_LIBRARY = noClasses().that().resideInAPackage("dev.lakejwt.testkit..")
            .should().dependOnClassesThat().resideInAnyPackage(JOSE_LIBRARIES)
            .because("the testkit verifies tokens with the JDK alone, so a bug in a JOSE library cannot hide "
                    + "behind the same library verifying its own tokens (issue 3)");

    /** The verifier is reused by the CLI's verify command: no server, no test framework, just JDK, Jackson, core. */
    static final ArchRule VERIFIER_USES_THE_JDK_ALONE = classes().that().resideInAPackage(TESTKIT_VERIFY)
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "dev.lakejwt.core..", TESTKIT_VERIFY,
                    "com.fasterxml.jackson..")
            .because("LakeTokenVerifier runs in the fake Lake and in 'lakejwt verify', independent of WireMock and JUnit");

    static final ArchRule PUBLIC_API_EXPOSES_NO_THIRD_PARTY_TYPES = classes().that().arePublic()
            .and().resideInAPackage("dev.lakejwt..").and().resideOutsideOfPackage("..internal..")
            .should(exposeNoHiddenThirdPartyTypes())
            .because("BouncyCastle, Jackson and JOSE-library types are implementation details");

    static List<ArchRule> all() {
        return List.of(CORE_DEPENDS_ONLY_ON_ITS_ALLOWED_LIBRARIES, CORE_KNOWS_NO_JOSE_LIBRARY, CORE_KNOWS_NO_WIREMOCK,
                NOTHING_DEPENDS_ON_SAMPLES, NOTHING_DEPENDS_ON_BENCHMARKS, NO_PACKAGE_CYCLES,
                NO_STANDARD_STREAMS_IN_LIBRARIES, CORE_INTERNALS_STAY_IN_CORE, PUBLIC_API_EXPOSES_NO_THIRD_PARTY_TYPES,
                TESTKIT_KNOWS_NO_JOSE_LIBRARY, VERIFIER_USES_THE_JDK_ALONE);
    }

    private static ArchCondition<JavaClass> exposeNoHiddenThirdPartyTypes() {
        return new ArchCondition<>("expose no BouncyCastle, Jackson or JOSE-library type in a public signature") {
            @Override
            public void check(JavaClass clazz, ConditionEvents events) {
                for (JavaCodeUnit unit : clazz.getCodeUnits()) {
                    if (!isVisible(unit.getModifiers())) {
                        continue;
                    }
                    List<JavaClass> types = new ArrayList<>(unit.getRawParameterTypes());
                    types.add(unit.getRawReturnType());
                    types.addAll(unit.getExceptionTypes());
                    for (JavaClass type : types) {
                        report(events, clazz, type, unit.getFullName());
                    }
                }
                for (JavaField field : clazz.getFields()) {
                    if (isVisible(field.getModifiers())) {
                        report(events, clazz, field.getRawType(), field.getFullName());
                    }
                }
            }
        };
    }

    private static boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static void report(ConditionEvents events, JavaClass owner, JavaClass type, String where) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        boolean hidden = HIDDEN_THIRD_PARTY.stream().anyMatch(p -> base.getPackageName().startsWith(p));
        if (hidden) {
            events.add(SimpleConditionEvent.violated(owner, where + " exposes " + base.getName()));
        }
    }
}
