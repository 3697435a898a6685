package dev.lakejwt.testkit.junit;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.LakeIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension running tests against a {@link FakeLake}, one per test class (reset to its
 * baseline after every test) or one per test. It injects parameters of test, lifecycle and
 * constructor methods: {@link FakeLake}, {@link LakeIdentity} (a registered user with a key pair and
 * PAT) and {@link LakeConfig} (that identity's configuration, its PEM files in a temporary directory
 * deleted after the test), so a test of a downstream client is three lines. Two forms:
 * <pre>{@code
 * @RegisterExtension
 * static final FakeLakeExtension LAKE = FakeLakeExtension.builder().perTest().configure(b -> b.system("etl")).build();
 *
 * @WithFakeLake(lifecycle = PER_TEST)
 * class MyTest { ... }
 * }</pre>
 *
 * <p>Easy to get wrong: all running state (the fake, identities, temporary directories) lives in
 * JUnit's {@link ExtensionContext.Store}, never in this object, so one registered instance serves
 * nested and parallel classes; reach the fake through a parameter, not through a field of the
 * extension. A non-static {@code @RegisterExtension} field gets a fake per test, because JUnit
 * registers it after the class-level callbacks.
 */
public final class FakeLakeExtension implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback,
        ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(FakeLakeExtension.class);
    private static final String SHARED = "shared-fake-lake";
    private static final String OWN = "own-fake-lake";
    private static final String IDENTITIES = "identities";
    private static final String TEMP_DIR = "temp-dir";

    /** Whether a test class shares one fake or each test gets its own. */
    public enum Lifecycle {
        /** One fake per test class (and its nested classes), reset to its baseline after each test. */
        PER_CLASS,
        /** A fresh fake for every test. */
        PER_TEST
    }

    private final Settings fixed;

    /** Used by {@link WithFakeLake}: settings come from the annotation on the test class. */
    public FakeLakeExtension() {
        this.fixed = null;
    }

    private FakeLakeExtension(Settings settings) {
        this.fixed = settings;
    }

    /** A builder for the {@code @RegisterExtension} form. */
    public static Builder builder() {
        return new Builder();
    }

    /** Immutable settings of one registration. */
    private record Settings(Lifecycle lifecycle, boolean resetBetweenTests, Consumer<FakeLake.Builder> customizer) {
        FakeLake start() {
            FakeLake.Builder b = FakeLake.builder();
            customizer.accept(b);
            return b.start();
        }
    }

    private Settings settings(ExtensionContext context) {
        if (fixed != null) {
            return fixed;
        }
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<WithFakeLake> found = c.get().getTestClass()
                    .flatMap(type -> AnnotationSupport.findAnnotation(type, WithFakeLake.class));
            if (found.isPresent()) {
                WithFakeLake a = found.get();
                return new Settings(a.lifecycle(), a.resetBetweenTests(), b -> {
                    b.https(a.https()).orgId(a.orgId());
                    for (String system : a.systems()) {
                        b.system(system);
                    }
                });
            }
        }
        return new Settings(Lifecycle.PER_CLASS, true, b -> { });
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Settings settings = settings(context);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (settings.lifecycle() == Lifecycle.PER_CLASS && store.get(SHARED) == null) {
            store.put(SHARED, new SharedLake(settings.start()));
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Settings settings = settings(context);
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        SharedLake shared = store.get(SHARED, SharedLake.class);
        if (settings.lifecycle() == Lifecycle.PER_TEST || shared == null) {
            store.put(OWN, settings.start());
        } else if (shared.baselineMarked.compareAndSet(false, true)) {
            shared.lake.markBaseline();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        SharedLake shared = store.get(SHARED, SharedLake.class);
        if (store.get(OWN) == null && shared != null && settings(context).resetBetweenTests()) {
            shared.lake.reset();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == FakeLake.class || type == LakeIdentity.class || type == LakeConfig.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        FakeLake lake = lake(context).orElseThrow(() -> new ParameterResolutionException("no fake Lake is running for "
                + context.getDisplayName() + ": with a fake per test, ask for it in test methods, not in @BeforeAll"));
        Class<?> type = parameter.getParameter().getType();
        if (type == FakeLake.class) {
            return lake;
        }
        LakeUser user = parameter.findAnnotation(LakeUser.class).orElse(null);
        LakeIdentity identity = identity(context, lake, user);
        if (type == LakeIdentity.class) {
            return identity;
        }
        return identity.config(tempDirectory(context).resolve(identity.user() + "-" + identity.keyId()));
    }

    /** The fake for this context: the test's own, else the one shared by its class (or an enclosing class). */
    private static Optional<FakeLake> lake(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        FakeLake own = store.get(OWN, FakeLake.class);
        if (own != null) {
            return Optional.of(own);
        }
        return Optional.ofNullable(store.get(SHARED, SharedLake.class)).map(SharedLake::lake);
    }

    /** A fake shared by a test class; its baseline is marked before the first test, after {@code @BeforeAll}. */
    private record SharedLake(FakeLake lake, AtomicBoolean baselineMarked) implements AutoCloseable {
        SharedLake(FakeLake lake) {
            this(lake, new AtomicBoolean());
        }

        @Override
        public void close() {
            lake.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static LakeIdentity identity(ExtensionContext context, FakeLake lake, LakeUser annotation) {
        String user = annotation == null ? "demo_user" : annotation.value();
        Algorithm algorithm = annotation == null ? Algorithm.RS256 : annotation.algorithm();
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        Map<String, LakeIdentity> identities = store.getOrComputeIfAbsent(IDENTITIES + context.getUniqueId(),
                k -> new ConcurrentHashMap<String, LakeIdentity>(), Map.class);
        return identities.computeIfAbsent(user + "/" + algorithm + "/" + System.identityHashCode(lake),
                k -> lake.newIdentity(user, algorithm));
    }

    private static Path tempDirectory(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(TEMP_DIR + context.getUniqueId(),
                k -> TemporaryDirectory.create(),
                TemporaryDirectory.class).path();
    }

    /** A directory deleted with everything in it when JUnit closes the store that holds it. */
    private record TemporaryDirectory(Path path) implements AutoCloseable {
        static TemporaryDirectory create() {
            try {
                return new TemporaryDirectory(Files.createTempDirectory("lakejwt-test-"));
            } catch (IOException e) {
                throw new UncheckedIOException("could not create a temporary directory for PEM files", e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!Files.exists(path)) {
                return;
            }
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        }
    }

    /**
     * Configures a {@link FakeLakeExtension} for {@code @RegisterExtension}; defaults: one fake per
     * class, reset between tests, every {@link FakeLake.Builder} default.
     *
     * <p>Easy to get wrong: {@link #configure} is applied to every fake the extension starts (with
     * {@link #perTest()}, once per test), so keep it cheap and free of shared mutable state.
     */
    public static final class Builder {
        private Lifecycle lifecycle = Lifecycle.PER_CLASS;
        private boolean resetBetweenTests = true;
        private final List<Consumer<FakeLake.Builder>> customizers = new ArrayList<>();

        private Builder() {
        }

        /** A fresh fake for every test. */
        public Builder perTest() {
            return lifecycle(Lifecycle.PER_TEST);
        }

        /** One fake for the test class (the default). */
        public Builder perClass() {
            return lifecycle(Lifecycle.PER_CLASS);
        }

        public Builder lifecycle(Lifecycle lifecycle) {
            this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
            return this;
        }

        /** Whether a per-class fake returns to its baseline after each test; default true. */
        public Builder resetBetweenTests(boolean reset) {
            this.resetBetweenTests = reset;
            return this;
        }

        /** Adjusts every fake before it starts: systems, org id, HTTPS, users, handlers, … */
        public Builder configure(Consumer<FakeLake.Builder> customizer) {
            customizers.add(Objects.requireNonNull(customizer, "customizer"));
            return this;
        }

        public FakeLakeExtension build() {
            List<Consumer<FakeLake.Builder>> all = List.copyOf(customizers);
            return new FakeLakeExtension(new Settings(lifecycle, resetBetweenTests, b -> all.forEach(c -> c.accept(b))));
        }
    }
}
