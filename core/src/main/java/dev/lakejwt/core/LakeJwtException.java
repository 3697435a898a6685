package dev.lakejwt.core;

/**
 * Root of every exception lakejwt throws on purpose; one subclass per stage of the flow
 * (configuration, key loading, claims, signing, API call), so a caller can catch one stage or all.
 *
 * <p>Easy to get wrong: the message is written for the person running the program and names the
 * fix, but it never contains a PAT, a passphrase, key material or a whole token. Causes coming from
 * third-party libraries are copied with their messages scrubbed for the same reason, so do not
 * expect {@link #getCause()} to be the library's original exception object.
 */
public abstract class LakeJwtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected LakeJwtException(String message) {
        super(message);
    }

    protected LakeJwtException(String message, Throwable cause) {
        super(message, cause);
    }
}
