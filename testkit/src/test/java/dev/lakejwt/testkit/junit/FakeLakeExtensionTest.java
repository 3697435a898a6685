package dev.lakejwt.testkit.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.LakeIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.EventConditions;
import org.junit.platform.testkit.engine.Events;
import org.junit.platform.testkit.engine.TestExecutionResultConditions;

/**
 * Runs small test classes through the JUnit engine and checks what the extension did: which fake each
 * test got, what was reset, what was injected and what was cleaned up.
 */
class FakeLakeExtensionTest {
    static final List<Object> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void clear() {
        SEEN.clear();
    }

    private static Events run(Class<?> testClass) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
    }

    @WithFakeLake
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class AnnotatedPerClass {
        @BeforeAll
        static void baseline(FakeLake lake) {
            lake.registerUser("kept_user", "kept-pat");
        }

        @Test
        @Order(1)
        void first(FakeLake lake) {
            SEEN.add(lake);
            lake.registerUser("dropped_user", "dropped-pat");
        }

        @Test
        @Order(2)
        void second(FakeLake lake) {
            SEEN.add(lake);
            SEEN.add(lake.directory().users());
        }

        @Nested
        class Inner {
            @Test
            void nested(FakeLake lake) {
                SEEN.add(lake);
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAnnotationGivesTheClassOneFakeResetBetweenTestsAndSharedWithNestedClasses() {
        run(AnnotatedPerClass.class).assertStatistics(s -> s.succeeded(3).failed(0));

        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat((List<Object>) SEEN.get(2)).as("baseline kept, the first test's user reset").containsExactly("kept_user");
        assertThat(SEEN.get(3)).as("nested tests use the enclosing class's fake").isSameAs(SEEN.get(0));
        assertThat(((FakeLake) SEEN.get(0)).isRunning()).as("closed after the class").isFalse();
    }

    static class RegisteredPerTest {
        @RegisterExtension
        static final FakeLakeExtension LAKE = FakeLakeExtension.builder().perTest()
                .configure(b -> b.system("etl").orgId("org-of-the-test")).build();

        @Test
        void one(FakeLake lake) {
            SEEN.add(lake);
        }

        @Test
        void two(FakeLake lake) {
            SEEN.add(lake);
        }
    }

    @Test
    void theBuilderFormCanStartAFakePerTestWithItsOwnSettings() {
        run(RegisteredPerTest.class).assertStatistics(s -> s.succeeded(2));

        FakeLake one = (FakeLake) SEEN.get(0);
        FakeLake two = (FakeLake) SEEN.get(1);
        assertThat(one).isNotSameAs(two);
        assertThat(one.port()).isNotEqualTo(0);
        assertThat(one.systems()).containsExactly("etl");
        assertThat(one.orgId()).isEqualTo("org-of-the-test");
        assertThat(one.isRunning()).isFalse();
        assertThat(two.isRunning()).isFalse();
    }

    @WithFakeLake(systems = {"shared_demo", "etl"})
    static class ThreeLineDownstreamTest {
        @Test
        void queriesThroughTheConfiguration(LakeConfig config, LakeIdentity identity) {
            SEEN.add(config.keyFile());
            SEEN.add(config.user().orElseThrow().equals(identity.user()) && config.keyId().equals(identity.keyId()));
            assertThat(config.newClient().query(config.requireSystem(), "SEL * FROM dbc.dbcinfo").first().rows()).hasSize(3);
            SEEN.add(Files.exists(config.keyFile()));
        }

        @Test
        void namedUsersAndAlgorithms(@LakeUser("alice") LakeIdentity alice, @LakeUser(value = "ec_user",
                algorithm = Algorithm.ES256) LakeIdentity ec, @LakeUser("alice") LakeConfig aliceConfig, FakeLake lake) {
            assertThat(alice.user()).isEqualTo("alice");
            assertThat(ec.algorithm()).isEqualTo(Algorithm.ES256);
            assertThat(aliceConfig.keyId()).isEqualTo(alice.keyId());
            assertThat(lake.verifier().verify(ec.token()).accepted()).isTrue();
            SEEN.add("named");
        }
    }

    @Test
    void injectedConfigurationsAndIdentitiesAgreeAndTheirPemFilesAreDeletedAfterTheTest() {
        run(ThreeLineDownstreamTest.class).assertStatistics(s -> s.succeeded(2).failed(0));

        Path keyFile = (Path) SEEN.get(SEEN.indexOf(true) - 1);
        assertThat(SEEN).contains(true, "named");
        assertThat(SEEN.get(SEEN.indexOf(true) + 1)).as("the key file existed during the test").isEqualTo(true);
        assertThat(keyFile.getFileName().toString()).isEqualTo("primary.pem");
        assertThat(Files.exists(keyFile)).as("deleted after the test").isFalse();
    }

    static class NonStaticRegistration {
        @RegisterExtension
        final FakeLakeExtension lake = FakeLakeExtension.builder().build();

        @Test
        void one(FakeLake lake) {
            SEEN.add(lake);
        }

        @Test
        void two(FakeLake lake) {
            SEEN.add(lake);
        }
    }

    @Test
    void aNonStaticRegistrationGetsAFakePerTest() {
        run(NonStaticRegistration.class).assertStatistics(s -> s.succeeded(2));

        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(1));
    }

    @WithFakeLake(lifecycle = FakeLakeExtension.Lifecycle.PER_TEST)
    static class PerTestAskedInBeforeAll {
        @BeforeAll
        static void tooEarly(FakeLake lake) {
            SEEN.add(lake);
        }

        @Test
        void never() {
            SEEN.add("ran");
        }
    }

    @Test
    void aPerTestFakeIsNotAvailableInBeforeAllAndTheErrorSaysSo() {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(PerTestAskedInBeforeAll.class))
                .execute().containerEvents();

        events.assertThatEvents().haveExactly(1, EventConditions.finishedWithFailure(
                TestExecutionResultConditions.message(m -> m.contains("with a fake per test"))));
        assertThat(SEEN).isEmpty();
    }

    @WithFakeLake(resetBetweenTests = false)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class NoReset {
        @Test
        @Order(1)
        void first(FakeLake lake) {
            lake.registerUser("stays", "stays-pat");
        }

        @Test
        @Order(2)
        void second(FakeLake lake) {
            SEEN.add(lake.directory().users());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void resetCanBeTurnedOff() {
        run(NoReset.class).assertStatistics(s -> s.succeeded(2));

        assertThat((List<Object>) SEEN.get(0)).containsExactly("stays");
    }
}
