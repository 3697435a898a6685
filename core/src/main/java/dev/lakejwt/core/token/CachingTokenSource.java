package dev.lakejwt.core.token;

import dev.lakejwt.core.LakeJwtException;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JwtSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenSource} that signs a token, caches it, and signs again only when the cached one is
 * within the refresh margin (default 5 min) of its {@code exp}. A warm {@link #token()} is one
 * volatile read and one clock read: no signing, no lock, no allocation. When the cache needs
 * refreshing, concurrent callers wait for one signing (single flight). If that signing fails while
 * the old token is still valid, the old token is returned, a warning is logged, and the next attempt
 * waits for the retry delay; once the old token has expired, the failure is thrown.
 *
 * <p>Easy to get wrong: the margin is capped at half the token lifetime, so a 60 s token with the
 * default 5 min margin is re-signed after 30 s, not on every call. The clock is the
 * {@link ClaimsAssembler}'s, so one controllable clock drives both {@code iat} and refresh.
 */
public final class CachingTokenSource implements TokenSource {
    private static final Logger LOG = LoggerFactory.getLogger(CachingTokenSource.class);
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(5);

    private final JwtSigner signer;
    private final SigningKey key;
    private final LakeCredentials credentials;
    private final ClaimsAssembler assembler;
    private final Clock clock;
    private final long refreshMarginMillis;
    private final long retryDelayMillis;
    private final ReentrantLock refreshLock = new ReentrantLock();

    private volatile Cached cached;
    /** Guarded by {@link #refreshLock}: no new attempt before this instant after a failed refresh. */
    private long nextAttemptMillis;

    private record Cached(String token, long refreshAtMillis, long expiresAtMillis) {
    }

    private CachingTokenSource(Builder b) {
        this.signer = Objects.requireNonNull(b.signer, "signer");
        this.key = Objects.requireNonNull(b.key, "key");
        this.credentials = Objects.requireNonNull(b.credentials, "credentials");
        this.assembler = Objects.requireNonNull(b.assembler, "assembler");
        this.clock = assembler.clock();
        this.refreshMarginMillis = requireNotNegative(b.refreshMargin, "refreshMargin").toMillis();
        this.retryDelayMillis = requireNotNegative(b.retryDelay, "retryDelay").toMillis();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String token() {
        Cached current = cached;
        if (current != null && clock.millis() < current.refreshAtMillis) {
            return current.token;
        }
        return refresh();
    }

    private String refresh() {
        refreshLock.lock();
        try {
            Cached current = cached;
            long now = clock.millis();
            if (current != null && now < current.refreshAtMillis) {
                return current.token;
            }
            boolean oldStillValid = current != null && now < current.expiresAtMillis;
            if (oldStillValid && now < nextAttemptMillis) {
                return current.token;
            }
            try {
                LakeClaims claims = assembler.assemble(credentials);
                String token = signer.sign(claims, key);
                cached = cache(token, claims);
                nextAttemptMillis = 0;
                return token;
            } catch (RuntimeException e) {
                if (!oldStillValid) {
                    throw e instanceof LakeJwtException lje ? lje
                            : new SigningException("signing a new token failed: " + e.getClass().getSimpleName());
                }
                nextAttemptMillis = now + retryDelayMillis;
                LOG.warn("Refreshing the Lake token for '{}' (kid '{}') failed; using the current token until it "
                                + "expires at {}. Next attempt in {} ms. Cause: {}", credentials.user(), key.keyId(),
                        Instant.ofEpochMilli(current.expiresAtMillis), retryDelayMillis, describe(e));
                return current.token;
            }
        } finally {
            refreshLock.unlock();
        }
    }

    private Cached cache(String token, LakeClaims claims) {
        long expiresAtMillis = claims.expiresAt() * 1000;
        long lifetimeMillis = (claims.expiresAt() - claims.issuedAt()) * 1000;
        long margin = Math.min(refreshMarginMillis, lifetimeMillis / 2);
        return new Cached(token, expiresAtMillis - margin, expiresAtMillis);
    }

    private static String describe(RuntimeException e) {
        return e instanceof LakeJwtException ? e.getMessage() : e.getClass().getSimpleName();
    }

    @Override
    public void invalidate() {
        cached = null;
    }

    @Override
    public void invalidate(String rejectedToken) {
        refreshLock.lock();
        try {
            Cached current = cached;
            if (current != null && current.token.equals(rejectedToken)) {
                cached = null;
            }
        } finally {
            refreshLock.unlock();
        }
    }

    @Override
    public String toString() {
        return "CachingTokenSource[user=" + credentials.user() + ", kid=" + key.keyId() + ", signer=" + signer.name()
                + ", lifetime=" + assembler.lifetime() + ", refreshMargin=" + Duration.ofMillis(refreshMarginMillis) + "]";
    }

    private static Duration requireNotNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }

    /** Configures a {@link CachingTokenSource}: signer, key and credentials are required. */
    public static final class Builder {
        private JwtSigner signer;
        private SigningKey key;
        private LakeCredentials credentials;
        private ClaimsAssembler assembler = ClaimsAssembler.defaults();
        private Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
        private Duration retryDelay = DEFAULT_RETRY_DELAY;

        private Builder() {
        }

        public Builder signer(JwtSigner signer) {
            this.signer = signer;
            return this;
        }

        public Builder key(SigningKey key) {
            this.key = key;
            return this;
        }

        public Builder credentials(LakeCredentials credentials) {
            this.credentials = credentials;
            return this;
        }

        /** The claim policy and clock; default {@link ClaimsAssembler#defaults()}. */
        public Builder assembler(ClaimsAssembler assembler) {
            this.assembler = assembler;
            return this;
        }

        /** How long before {@code exp} a new token is signed; default 5 min. */
        public Builder refreshMargin(Duration refreshMargin) {
            this.refreshMargin = refreshMargin;
            return this;
        }

        /** After a failed refresh with a still-valid token, how long to serve it before trying again; default 5 s. */
        public Builder retryDelay(Duration retryDelay) {
            this.retryDelay = retryDelay;
            return this;
        }

        public CachingTokenSource build() {
            return new CachingTokenSource(this);
        }
    }
}
