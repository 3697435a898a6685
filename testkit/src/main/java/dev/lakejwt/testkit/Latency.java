package dev.lakejwt.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the fake Lake waits before every answer until told otherwise
 * ({@link FakeLake#latency(Latency)}): none, a fixed delay, or a uniformly random one.
 *
 * <p>Easy to get wrong: latency is real waiting on the server thread; keep it to milliseconds in unit
 * tests, and use it with a client request timeout to provoke timeouts deliberately.
 *
 * @param min the shortest delay
 * @param max the longest delay (equal to {@code min} for a fixed delay)
 */
public record Latency(Duration min, Duration max) {
    /** No added delay. */
    public static final Latency NONE = new Latency(Duration.ZERO, Duration.ZERO);

    public Latency {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("latency needs 0 <= min <= max; got " + min + ".." + max);
        }
    }

    /** Always {@code delay}. */
    public static Latency fixed(Duration delay) {
        return new Latency(delay, delay);
    }

    /** Uniformly random between {@code min} and {@code max}. */
    public static Latency uniform(Duration min, Duration max) {
        return new Latency(min, max);
    }

    boolean isNone() {
        return max.isZero();
    }
}
