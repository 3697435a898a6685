package dev.lakejwt.testkit.junit;

import dev.lakejwt.core.Algorithm;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the Lake user (and key algorithm) of an injected {@code LakeIdentity} or {@code LakeConfig}
 * parameter; without it the user is {@code demo_user} with an RS256 key.
 *
 * <p>Easy to get wrong: within one test, parameters with the same user and algorithm get the
 * <em>same</em> identity (so a {@code LakeIdentity} and a {@code LakeConfig} agree); give a different
 * user name to get a second identity.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LakeUser {
    /** The user name, the {@code sub} claim. */
    String value() default "demo_user";

    /** RS256 (default) or ES256. */
    Algorithm algorithm() default Algorithm.RS256;
}
