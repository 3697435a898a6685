package dev.lakejwt.core.token;

/**
 * Hands out a signed Lake token for the {@code Authorization: Bearer} header, reusing it while it is
 * valid (Lake tokens are {@code multi-use}).
 *
 * <p>Easy to get wrong: call {@link #token()} for every request instead of keeping the string; the
 * source decides when to sign again. After Lake answers 401, call {@link #invalidate(String)} with the
 * rejected token, so that concurrent callers who saw the same 401 cause one re-signing, not many.
 */
public interface TokenSource {

    /** A token valid for at least the source's refresh margin, signing a new one only when needed. */
    String token();

    /** Drops the cached token; the next {@link #token()} signs a new one. */
    void invalidate();

    /**
     * Drops the cached token only if it is still {@code rejectedToken}; a token someone else already
     * refreshed is kept.
     */
    default void invalidate(String rejectedToken) {
        invalidate();
    }
}
