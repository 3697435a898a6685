package dev.lakejwt.core.token;

import dev.lakejwt.core.LakeJwtException;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JwtSigner;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one implementation of signing, caching and failure handling behind both token sources: the
 * current token in a volatile field (the warm path reads only that and the clock), single-flight
 * signing under a lock, the failure streak with its retry backoff, logging, and listener
 * notifications (sent after the lock is released). The sources differ only in when they call it.
 */
final class TokenCache {

    /** One signed token and the times the sources act on, all epoch milliseconds. */
    record Entry(String token, long issuedAt, long expiresAt, long refreshAt, long usableUntil) {
        @Override
        public String toString() {
            return "Entry[iat=" + Instant.ofEpochMilli(issuedAt) + ", exp=" + Instant.ofEpochMilli(expiresAt)
                    + ", refreshAt=" + Instant.ofEpochMilli(refreshAt) + "]";
        }
    }

    private final JwtSigner signer;
    private final SigningKey key;
    private final LakeCredentials credentials;
    private final ClaimsAssembler assembler;
    private final Clock clock;
    private final RefreshTiming timing;
    private final TokenRefreshListener listener;
    private final Logger log;
    private final ReentrantLock lock = new ReentrantLock();

    /** The token served; read without a lock. */
    volatile Entry current;
    /** Guarded by {@link #lock}: failed attempts in a row, the last one, and when the next may start. */
    private int failures;
    private LakeJwtException lastFailure;
    private long nextAttemptAt;

    TokenCache(JwtSigner signer, SigningKey key, LakeCredentials credentials, ClaimsAssembler assembler,
               RefreshTiming timing, TokenRefreshListener listener, Class<? extends TokenSource> owner) {
        this.signer = signer;
        this.key = key;
        this.credentials = credentials;
        this.assembler = assembler;
        this.clock = assembler.clock();
        this.timing = timing;
        this.listener = listener;
        this.log = LoggerFactory.getLogger(owner);
    }

    Clock clock() {
        return clock;
    }

    /**
     * For a caller that found no token it may use (single flight). Returns a token signed meanwhile
     * by someone else, else the current one when {@code acceptDue} and it is still usable, else
     * signs; while a failure's backoff lasts it serves the usable token or fails fast.
     */
    String obtain(boolean acceptDue) {
        Runnable notification;
        String token;
        lock.lock();
        try {
            Entry c = current;
            long now = clock.millis();
            if (c != null && now < c.refreshAt) {
                return c.token;
            }
            boolean usable = c != null && now < c.usableUntil;
            if (acceptDue && usable) {
                return c.token;
            }
            if (now < nextAttemptAt) {
                if (usable) {
                    return c.token;
                }
                throw new SigningException("no valid Lake token for '" + credentials.user() + "': signing failed "
                        + failures + " time(s) in a row, next attempt at " + Instant.ofEpochMilli(nextAttemptAt)
                        + "; last failure: " + lastFailure.getMessage(), lastFailure);
            }
            Attempt attempt = attempt(now, c, false);
            notification = attempt.notification;
            if (attempt.entry != null) {
                token = attempt.entry.token;
            } else if (usable) {
                token = c.token;
            } else {
                notify(notification);
                throw attempt.error;
            }
        } finally {
            lock.unlock();
        }
        notify(notification);
        return token;
    }

    /** For the background scheduler: signs unless a fresh token exists or the backoff still runs. */
    void refreshAhead() {
        Runnable notification;
        lock.lock();
        try {
            Entry c = current;
            long now = clock.millis();
            if ((c != null && now < c.refreshAt) || now < nextAttemptAt) {
                return;
            }
            notification = attempt(now, c, true).notification;
        } finally {
            lock.unlock();
        }
        notify(notification);
    }

    /** When the next background refresh is due: the retry time after a failure, else the token's refresh time; -1 for none. */
    long nextDue() {
        lock.lock();
        try {
            if (failures > 0) {
                return nextAttemptAt;
            }
            Entry c = current;
            return c == null ? -1 : c.refreshAt;
        } finally {
            lock.unlock();
        }
    }

    void invalidate() {
        current = null;
    }

    void invalidate(String rejectedToken) {
        lock.lock();
        try {
            Entry c = current;
            if (c != null && c.token.equals(rejectedToken)) {
                current = null;
            }
        } finally {
            lock.unlock();
        }
    }

    private record Attempt(Entry entry, LakeJwtException error, Runnable notification) {
    }

    /** Signs once, holding the lock; on success installs the token, on failure extends the streak. */
    private Attempt attempt(long now, Entry previous, boolean background) {
        try {
            LakeClaims claims = assembler.assemble(credentials);
            String token = signer.sign(claims, key);
            Entry entry = timing.entry(token, claims.issuedAt() * 1000, claims.expiresAt() * 1000);
            current = entry;
            int failuresBefore = failures;
            failures = 0;
            lastFailure = null;
            nextAttemptAt = 0;
            var event = new TokenRefreshListener.Refreshed(key.keyId(), Instant.ofEpochMilli(entry.issuedAt),
                    Instant.ofEpochMilli(entry.expiresAt), Instant.ofEpochMilli(entry.refreshAt), failuresBefore, background);
            return new Attempt(entry, null, () -> listener.onRefreshed(event));
        } catch (RuntimeException e) {
            LakeJwtException error = e instanceof LakeJwtException lje ? lje
                    : new SigningException("signing a new token failed: " + e.getClass().getSimpleName());
            failures++;
            lastFailure = error;
            boolean usable = previous != null && now < previous.usableUntil;
            long retryAt = now + timing.backoffMillis(failures);
            nextAttemptAt = usable ? Math.min(retryAt, previous.usableUntil) : retryAt;
            if (usable) {
                log.warn("Refreshing the Lake token for '{}' (kid '{}') failed; using the current token until {} "
                                + "(exp {} minus the clock-skew allowance). Next attempt in {} ms. Cause: {}",
                        credentials.user(), key.keyId(), Instant.ofEpochMilli(previous.usableUntil),
                        Instant.ofEpochMilli(previous.expiresAt), nextAttemptAt - now, error.getMessage());
            } else {
                log.warn("Signing a Lake token for '{}' (kid '{}') failed ({} in a row); no valid token to serve. "
                                + "Next attempt in {} ms. Cause: {}", credentials.user(), key.keyId(), failures,
                        nextAttemptAt - now, error.getMessage());
            }
            var event = new TokenRefreshListener.RefreshFailed(key.keyId(), error, failures,
                    usable ? Optional.of(Instant.ofEpochMilli(previous.usableUntil)) : Optional.empty(),
                    Instant.ofEpochMilli(nextAttemptAt), background);
            return new Attempt(null, error, () -> listener.onRefreshFailed(event));
        }
    }

    private void notify(Runnable notification) {
        try {
            notification.run();
        } catch (RuntimeException e) {
            log.warn("A TokenRefreshListener threw {}; ignored", e.getClass().getName());
        }
    }

    String describe() {
        return "user=" + credentials.user() + ", kid=" + key.keyId() + ", signer=" + signer.name() + ", lifetime="
                + assembler.lifetime() + ", refreshMargin=" + java.time.Duration.ofMillis(timing.marginMillis())
                + ", clockSkew=" + java.time.Duration.ofMillis(timing.skewMillis())
                + ", jitter=" + java.time.Duration.ofMillis(timing.jitterMillis());
    }
}
