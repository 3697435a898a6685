package dev.lakejwt.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The fake Lake's controllable clock: it follows a base clock (the system clock by default) plus an
 * offset you can {@link #advance(Duration)}, or stands still after {@link #freeze()} or
 * {@link #set(Instant)}. Token checks ({@code exp}, {@code iat}), PAT expiry and the inspector all
 * read it. Thread-safe.
 *
 * <p>Easy to get wrong: moving this clock moves only the fake's idea of "now"; a client signing with
 * the system clock then looks skewed. Sign with the same clock ({@link LakeIdentity} does) when a
 * test moves time, or move it on purpose to provoke {@code EXPIRED} and {@code ISSUED_IN_FUTURE}.
 */
public final class FakeLakeClock extends Clock {
    private final Clock base;
    private volatile Duration offset = Duration.ZERO;
    private volatile Instant frozenAt;

    /** A clock following {@code base}. */
    public FakeLakeClock(Clock base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /** A clock following the system UTC clock. */
    public FakeLakeClock() {
        this(Clock.systemUTC());
    }

    @Override
    public Instant instant() {
        Instant frozen = frozenAt;
        return frozen != null ? frozen : base.instant().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** A view of this clock in another zone; it moves with this one. */
    @Override
    public Clock withZone(ZoneId zone) {
        FakeLakeClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    /** Moves "now" forward (or back, with a negative duration). */
    public synchronized FakeLakeClock advance(Duration by) {
        Objects.requireNonNull(by, "by");
        Instant frozen = frozenAt;
        if (frozen != null) {
            frozenAt = frozen.plus(by);
        } else {
            offset = offset.plus(by);
        }
        return this;
    }

    /** Stops the clock at {@code instant}. */
    public synchronized FakeLakeClock set(Instant instant) {
        frozenAt = Objects.requireNonNull(instant, "instant");
        return this;
    }

    /** Stops the clock at the current instant. */
    public synchronized FakeLakeClock freeze() {
        frozenAt = instant();
        return this;
    }

    /** Lets a frozen clock run again from where it stands. */
    public synchronized FakeLakeClock resume() {
        Instant frozen = frozenAt;
        if (frozen != null) {
            offset = Duration.between(base.instant(), frozen);
            frozenAt = null;
        }
        return this;
    }

    /** Back to the base clock: no offset, not frozen. */
    public synchronized FakeLakeClock reset() {
        offset = Duration.ZERO;
        frozenAt = null;
        return this;
    }

    @Override
    public String toString() {
        Instant frozen = frozenAt;
        return "FakeLakeClock[" + instant() + (frozen != null ? ", frozen" : offset.isZero() ? "" : ", offset " + offset)
                + "]";
    }
}
