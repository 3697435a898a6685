package dev.lakejwt.core.token;

import dev.lakejwt.core.LakeJwtException;
import java.time.Instant;
import java.util.Optional;

/**
 * Hears about every refresh a token source attempts, for metrics and alerts: a success, or a failure
 * together with how long the current token is still served and when the next attempt is due. Both
 * methods do nothing by default.
 *
 * <p>Easy to get wrong: the listener runs on the thread that refreshed (the background scheduler
 * thread, or a caller that had to sign), so keep it short and non-blocking; an exception it throws
 * is logged and otherwise ignored. Events carry no token and no PAT.
 */
public interface TokenRefreshListener {
    /** The listener that ignores everything. */
    TokenRefreshListener NONE = new TokenRefreshListener() {
    };

    /** A new token was signed and is now served. */
    default void onRefreshed(Refreshed event) {
    }

    /** Signing a new token failed; {@link RefreshFailed#servingUntil()} says whether callers still get one. */
    default void onRefreshFailed(RefreshFailed event) {
    }

    /**
     * A successful refresh.
     *
     * <p>Easy to get wrong: {@code refreshAt} includes this token's random jitter, so it differs
     * from {@code expiresAt - refreshMargin} by up to the configured jitter.
     *
     * @param keyId          the kid the token was signed with
     * @param issuedAt       the token's {@code iat}
     * @param expiresAt      the token's {@code exp}
     * @param refreshAt      when the source will sign the next one
     * @param failuresBefore how many attempts failed in a row before this success (0 normally)
     * @param background     true when the background scheduler signed, false when a caller had to
     */
    record Refreshed(String keyId, Instant issuedAt, Instant expiresAt, Instant refreshAt, int failuresBefore,
                     boolean background) {
    }

    /**
     * A failed refresh.
     *
     * <p>Easy to get wrong: an empty {@code servingUntil} means callers now get exceptions until an
     * attempt succeeds; that is the event to alert on.
     *
     * @param keyId               the kid the source signs with
     * @param error               what went wrong (its message holds no secret)
     * @param consecutiveFailures failures in a row, this one included
     * @param servingUntil        until when the previous token is still handed out (its {@code exp}
     *                            minus the clock-skew allowance), or empty when there is none
     * @param nextAttemptAt       when the next attempt is due (retry backoff)
     * @param background          true when the background scheduler tried, false when a caller did
     */
    record RefreshFailed(String keyId, LakeJwtException error, int consecutiveFailures, Optional<Instant> servingUntil,
                         Instant nextAttemptAt, boolean background) {
    }
}
