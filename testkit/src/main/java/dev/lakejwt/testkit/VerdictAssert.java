package dev.lakejwt.testkit;

import dev.lakejwt.testkit.verify.RejectionReason;
import dev.lakejwt.testkit.verify.Verdict;
import java.util.Optional;
import org.assertj.core.api.AbstractAssert;

/**
 * AssertJ assertions on a {@link Verdict}, e.g. the fake Lake's verdict on the last request:
 * {@code LakeTokenAssert.assertThat(lake.journal().last().verdict()).isRejectedFor(EXPIRED)}.
 *
 * <p>Easy to get wrong: {@link #isRejectedFor} wants exactly one reason; a token broken in two ways
 * reports only the first check that fails (see {@link RejectionReason}).
 */
public final class VerdictAssert extends AbstractAssert<VerdictAssert, Verdict> {
    VerdictAssert(Verdict actual) {
        super(actual, VerdictAssert.class);
    }

    public VerdictAssert isAccepted() {
        isNotNull();
        if (actual.rejected()) {
            failWithMessage("Expecting the token to be accepted but it was rejected: %s: %s", actual.code(), actual.message());
        }
        return this;
    }

    public VerdictAssert isRejected() {
        isNotNull();
        if (actual.accepted()) {
            failWithMessage("Expecting the token to be rejected but it was accepted (%s)", actual.message());
        }
        return this;
    }

    public VerdictAssert isRejectedFor(RejectionReason reason) {
        isNotNull();
        if (!actual.reason().equals(Optional.of(reason))) {
            failWithMessage("Expecting a rejection for %s but the verdict was %s: %s", reason, actual.code(),
                    actual.message());
        }
        return this;
    }

    public VerdictAssert hasMessageContaining(String text) {
        isNotNull();
        if (!actual.message().contains(text)) {
            failWithMessage("Expecting the verdict message to contain \"%s\" but it was \"%s\"", text, actual.message());
        }
        return this;
    }

    /** Continues with assertions on the decoded token; fails when it could not be decoded. */
    public LakeTokenAssert token() {
        isNotNull();
        return LakeTokenAssert.assertThat(actual.token().orElseThrow(() ->
                new AssertionError("Expecting a decoded token but the verdict has none (" + actual.code() + ")")));
    }
}
