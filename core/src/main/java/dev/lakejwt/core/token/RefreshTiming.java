package dev.lakejwt.core.token;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a token is refreshed and until when it may be handed out, and how long to wait after failures.
 * All times are epoch milliseconds. For a token valid from {@code iat} to {@code exp}:
 * {@code refreshAt = exp - margin - random[0, jitter]} and {@code usableUntil = exp - skew}, with the
 * margin capped at half the lifetime, the skew at half the capped margin when it would reach it, and
 * the jitter at half the time before the margin.
 */
record RefreshTiming(long marginMillis, long skewMillis, long jitterMillis, long retryMillis, long maxRetryMillis) {

    RefreshTiming(Duration margin, Duration skew, Duration jitter, Duration retry, Duration maxRetry) {
        this(margin.toMillis(), skew.toMillis(), jitter.toMillis(), retry.toMillis(), maxRetry.toMillis());
    }

    RefreshTiming {
        if (skewMillis > marginMillis) {
            throw new IllegalArgumentException("clockSkew (" + Duration.ofMillis(skewMillis) + ") must not exceed "
                    + "refreshMargin (" + Duration.ofMillis(marginMillis) + "): a token must be refreshed before it "
                    + "stops being handed out");
        }
        if (maxRetryMillis < retryMillis) {
            throw new IllegalArgumentException("maxRetryDelay must not be shorter than retryDelay");
        }
    }

    /** The times for a token issued at {@code issuedAt} that expires at {@code expiresAt}. */
    TokenCache.Entry entry(String token, long issuedAt, long expiresAt) {
        long lifetime = Math.max(0, expiresAt - issuedAt);
        long margin = Math.min(marginMillis, lifetime / 2);
        long skew = skewMillis < margin || skewMillis == 0 ? skewMillis : margin / 2;
        long jitter = Math.min(jitterMillis, (lifetime - margin) / 2);
        long offset = jitter <= 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1);
        return new TokenCache.Entry(token, issuedAt, expiresAt, expiresAt - margin - offset, expiresAt - skew);
    }

    /** The wait after {@code failures} failed attempts in a row (1 or more): doubling from the retry delay, capped. */
    long backoffMillis(int failures) {
        long delay = retryMillis;
        for (int i = 1; i < failures && delay < maxRetryMillis; i++) {
            delay = delay > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : delay * 2;
        }
        return Math.min(delay, maxRetryMillis);
    }
}
