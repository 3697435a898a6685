package dev.lakejwt.core.token;

import java.time.Clock;
import java.time.Duration;

/**
 * A {@link TokenSource} that signs a token, caches it, and signs again on the calling thread only
 * when the cached one is within the refresh margin (default 5 min) of its {@code exp}. A warm
 * {@link #token()} is one volatile read and one clock read: no signing, no lock, no allocation. When
 * the cache needs refreshing, concurrent callers wait for one signing (single flight). If that
 * signing fails while the old token is still valid ({@code exp} minus the clock-skew allowance), the
 * old token is returned, a warning is logged, the {@link TokenRefreshListener} is told, and the next
 * attempt waits for the retry backoff; once the old token is no longer valid, the failure is thrown.
 *
 * <p>Easy to get wrong: the caller that crosses the refresh time pays for the signing (about 1 ms for
 * RSA-2048 in software, more with an HSM); for services where that wait matters, use
 * {@link RefreshAheadTokenSource}, which signs in the background. Margins are capped for short
 * lifetimes: a 60 s token with the default 5 min margin is re-signed after 30 s, not on every call.
 */
public final class CachingTokenSource implements TokenSource {
    /** How long before {@code exp} a new token is signed, unless set. */
    public static final Duration DEFAULT_REFRESH_MARGIN = TokenSourceBuilder.DEFAULT_REFRESH_MARGIN;
    /** The first retry delay after a failed refresh, unless set. */
    public static final Duration DEFAULT_RETRY_DELAY = TokenSourceBuilder.DEFAULT_RETRY_DELAY;

    private final TokenCache cache;
    private final Clock clock;

    private CachingTokenSource(Builder b) {
        this.cache = b.newCache(CachingTokenSource.class);
        this.clock = cache.clock();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String token() {
        TokenCache.Entry current = cache.current;
        if (current != null && clock.millis() < current.refreshAt()) {
            return current.token();
        }
        return cache.obtain(false);
    }

    @Override
    public void invalidate() {
        cache.invalidate();
    }

    @Override
    public void invalidate(String rejectedToken) {
        cache.invalidate(rejectedToken);
    }

    @Override
    public String toString() {
        return "CachingTokenSource[" + cache.describe() + "]";
    }

    /**
     * Configures a {@link CachingTokenSource}: signer, key and credentials are required; the jitter
     * defaults to none, since each refresh happens on demand anyway.
     */
    public static final class Builder extends TokenSourceBuilder<Builder> {
        private Builder() {
            super(Duration.ZERO);
        }

        public CachingTokenSource build() {
            return new CachingTokenSource(this);
        }
    }
}
