package dev.lakejwt.core.token;

import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JwtSigner;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings every lakejwt {@link TokenSource} shares: what to sign with (signer, key, credentials,
 * claim policy and clock) and when (refresh margin, clock-skew allowance, jitter, retry backoff).
 * {@link CachingTokenSource#builder()} and {@link RefreshAheadTokenSource#builder()} extend it.
 *
 * <p>Easy to get wrong: the margin, skew and jitter are capped per token so that short-lived tokens
 * still work: the margin at half the lifetime, the skew at half the margin, the jitter at half of what
 * remains before the margin. The clock is the {@link ClaimsAssembler}'s, so one controllable clock
 * drives {@code iat}, the refresh times and the background schedule.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class TokenSourceBuilder<B extends TokenSourceBuilder<B>> {
    /** How long before {@code exp} a new token is signed, unless set. */
    public static final Duration DEFAULT_REFRESH_MARGIN = Duration.ofMinutes(5);
    /** How far Lake's clock may run ahead of ours: no token is handed out later than {@code exp} minus this. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);
    /** The first retry delay after a failed refresh; it doubles per failure in a row. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(5);
    /** The longest retry delay. */
    public static final Duration DEFAULT_MAX_RETRY_DELAY = Duration.ofMinutes(1);

    JwtSigner signer;
    SigningKey key;
    LakeCredentials credentials;
    ClaimsAssembler assembler = ClaimsAssembler.defaults();
    Duration refreshMargin = DEFAULT_REFRESH_MARGIN;
    Duration clockSkew = DEFAULT_CLOCK_SKEW;
    Duration jitter;
    Duration retryDelay = DEFAULT_RETRY_DELAY;
    Duration maxRetryDelay = DEFAULT_MAX_RETRY_DELAY;
    TokenRefreshListener listener = TokenRefreshListener.NONE;

    TokenSourceBuilder(Duration defaultJitter) {
        this.jitter = defaultJitter;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The signer, e.g. {@code JwtSigners.named("jdk")}; required. */
    public B signer(JwtSigner signer) {
        this.signer = signer;
        return self();
    }

    /** The key to sign with; required. */
    public B key(SigningKey key) {
        this.key = key;
        return self();
    }

    /** User, PAT and organization id; required. */
    public B credentials(LakeCredentials credentials) {
        this.credentials = credentials;
        return self();
    }

    /** The claim policy and clock; default {@link ClaimsAssembler#defaults()}. */
    public B assembler(ClaimsAssembler assembler) {
        this.assembler = assembler;
        return self();
    }

    /** How long before {@code exp} a new token is signed; default 5 min. */
    public B refreshMargin(Duration refreshMargin) {
        this.refreshMargin = refreshMargin;
        return self();
    }

    /**
     * How far Lake's clock may run ahead of this one; default 30 s. A token is never handed out after
     * its {@code exp} minus this allowance, also not while refreshing fails. Must be below the margin.
     */
    public B clockSkew(Duration clockSkew) {
        this.clockSkew = clockSkew;
        return self();
    }

    /**
     * The most a refresh is moved earlier at random, so a fleet started together does not sign in
     * lockstep; each token draws its own offset in {@code [0, jitter]}.
     */
    public B jitter(Duration jitter) {
        this.jitter = jitter;
        return self();
    }

    /** The delay before the first retry after a failed refresh; it doubles per failure in a row. Default 5 s. */
    public B retryDelay(Duration retryDelay) {
        this.retryDelay = retryDelay;
        return self();
    }

    /** The cap of the doubling retry delay; default 1 min. */
    public B maxRetryDelay(Duration maxRetryDelay) {
        this.maxRetryDelay = maxRetryDelay;
        return self();
    }

    /** Told about every refresh and every failure; default none (failures are logged either way). */
    public B listener(TokenRefreshListener listener) {
        this.listener = listener;
        return self();
    }

    /** Checks the settings and fixes them into a {@link TokenCache}; its log lines name {@code owner}. */
    TokenCache newCache(Class<? extends TokenSource> owner) {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(assembler, "assembler");
        Objects.requireNonNull(listener, "listener");
        RefreshTiming timing = new RefreshTiming(notNegative(refreshMargin, "refreshMargin"),
                notNegative(clockSkew, "clockSkew"), notNegative(jitter, "jitter"),
                notNegative(retryDelay, "retryDelay"), notNegative(maxRetryDelay, "maxRetryDelay"));
        return new TokenCache(signer, key, credentials, assembler, timing, listener, owner);
    }

    private static Duration notNegative(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative");
        }
        return d;
    }
}
