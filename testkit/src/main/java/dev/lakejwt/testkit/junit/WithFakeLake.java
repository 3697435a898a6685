package dev.lakejwt.testkit.junit;

import dev.lakejwt.testkit.FakeLake;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a {@link FakeLake}: one per class (default) or one per test, injected
 * into test and lifecycle methods as a {@code FakeLake}, {@code LakeIdentity} or {@code LakeConfig}
 * parameter. The annotation form of {@link FakeLakeExtension}:
 * <pre>{@code
 * @WithFakeLake
 * class ClientTest {
 *     @Test
 *     void queries(LakeConfig config) {
 *         assertThat(config.newClient().query(config.requireSystem(), "SEL * FROM dbc.dbcinfo").first().rows()).hasSize(3);
 *     }
 * }
 * }</pre>
 *
 * <p>Easy to get wrong: do not combine it with a {@code @RegisterExtension FakeLakeExtension} field on
 * the same class; JUnit would have two resolvers for a {@code FakeLake} parameter and refuse both.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(FakeLakeExtension.class)
public @interface WithFakeLake {
    /** One fake per test class (default; reset between tests) or a fresh fake per test. */
    FakeLakeExtension.Lifecycle lifecycle() default FakeLakeExtension.Lifecycle.PER_CLASS;

    /** Whether a per-class fake is reset to its baseline after every test; default true. */
    boolean resetBetweenTests() default true;

    /** Serve HTTPS with a generated self-signed certificate. */
    boolean https() default false;

    /** The organization id tokens must carry. */
    String orgId() default FakeLake.DEFAULT_ORG_ID;

    /** The system aliases served; the first is the default system of injected configurations. */
    String[] systems() default {FakeLake.DEFAULT_SYSTEM};
}
