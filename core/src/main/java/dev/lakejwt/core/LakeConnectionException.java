package dev.lakejwt.core;

/**
 * Thrown when Lake could not be reached at all: connection refused, unknown host, TLS failure, or
 * no answer within the connect or request timeout. {@link #status()} is 0.
 *
 * <p>Easy to get wrong: a timeout here does not mean the query did not run; a long query may still
 * be running on Lake. Give long queries a larger request timeout rather than retrying them blindly.
 */
public class LakeConnectionException extends LakeApiException {
    private static final long serialVersionUID = 1L;

    public LakeConnectionException(String message, Throwable cause) {
        super(message, 0, cause);
    }
}
