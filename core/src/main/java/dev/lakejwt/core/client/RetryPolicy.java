package dev.lakejwt.core.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When {@link LakeClient} retries a 429 (session limit) or 503 (unavailable): at most
 * {@code maxAttempts} attempts in all, waiting {@code Retry-After} when Lake sends it, else an
 * exponential backoff from {@code initialBackoff} doubling up to {@code maxBackoff}; it gives up
 * early when the next wait would pass {@code maxTotalWait}.
 *
 * <p>Easy to get wrong: a {@code Retry-After} longer than what is left of {@code maxTotalWait}
 * ends the retries at once (the exception says so) rather than waiting past the budget. The single
 * retry after a 401 with a fresh token is separate and not counted here.
 *
 * @param maxAttempts    attempts in all, at least 1 (1 means no retry)
 * @param initialBackoff the first wait without {@code Retry-After}
 * @param maxBackoff     the longest single wait
 * @param maxTotalWait   the longest total waiting time across retries
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait) {
    /** 4 attempts, 0.5 s doubling to 8 s, 30 s in all. */
    public static final RetryPolicy DEFAULT =
            new RetryPolicy(4, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(30));
    /** One attempt, no retries. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(maxTotalWait, "maxTotalWait");
    }

    /** The wait before retry number {@code retry} (1 for the first retry) when Lake sent no {@code Retry-After}. */
    public Duration backoff(int retry) {
        Duration d = initialBackoff.multipliedBy(1L << Math.min(retry - 1, 20));
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }
}
