package dev.lakejwt.core;

import java.util.Optional;

/**
 * Thrown when a call to a Lake REST API fails after the client's retries: an HTTP error status with
 * Lake's error code and message, or an answer that cannot be understood.
 *
 * <p>Easy to get wrong: a SQL error is not a 400 on Lake but a <b>420</b> with the Teradata error
 * code (for example {@code 3807}) in {@link #errorCode()}; and the request's token is never part of
 * the message, so log this freely.
 */
public class LakeApiException extends LakeJwtException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String errorCode;
    private final String lakeMessage;

    public LakeApiException(String message, int status, String errorCode, String lakeMessage) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
        this.lakeMessage = lakeMessage;
    }

    public LakeApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = null;
        this.lakeMessage = null;
    }

    /** The HTTP status Lake answered with, or 0 when no answer was received. */
    public int status() {
        return status;
    }

    /** Lake's error code from the JSON body ({@code "error"}), e.g. {@code 3807}. */
    public Optional<String> errorCode() {
        return Optional.ofNullable(errorCode);
    }

    /** Lake's own message from the JSON body ({@code "message"}). */
    public Optional<String> lakeMessage() {
        return Optional.ofNullable(lakeMessage);
    }

    /** Whether Lake refused the token (HTTP 401) even after one retry with a freshly signed token. */
    public boolean isAuthenticationFailure() {
        return status == 401;
    }
}
