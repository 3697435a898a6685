package dev.lakejwt.testkit;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failure the fake Lake serves instead of its normal answer, for the next few requests
 * ({@link FakeLake#failNext(int, LakeFault)}): an HTTP status with Lake's JSON error body (429 with
 * {@code Retry-After}, 503, 500, …), a connection reset, or the normal answer but late.
 *
 * <p>Easy to get wrong: a fault replaces the answer but not the token check: the request is still
 * verified and journaled with its verdict, so a test can see both the fault and whether the token
 * would have passed. Faults apply to Lake API requests only, never to the inspector page.
 */
public final class LakeFault {
    enum Kind { STATUS, CONNECTION_RESET, DELAY }

    private final Kind kind;
    private final int status;
    private final String errorCode;
    private final String message;
    private final Duration retryAfter;
    private final Duration delay;

    private LakeFault(Kind kind, int status, String errorCode, String message, Duration retryAfter, Duration delay) {
        this.kind = kind;
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
        this.retryAfter = retryAfter;
        this.delay = delay;
    }

    /** Answer {@code status} with {@code {"error":"<status>","message":"…"}}. */
    public static LakeFault status(int status) {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("HTTP status " + status + " is not 100..599");
        }
        return new LakeFault(Kind.STATUS, status, String.valueOf(status), defaultMessage(status), null, null);
    }

    /** 429, the session limit, with {@code Retry-After} in whole seconds. */
    public static LakeFault tooManyRequests(Duration retryAfter) {
        return status(429).withRetryAfter(retryAfter);
    }

    /** 503 without {@code Retry-After}. */
    public static LakeFault serviceUnavailable() {
        return status(503);
    }

    /** 500. */
    public static LakeFault serverError() {
        return status(500);
    }

    /** The server resets the TCP connection instead of answering. */
    public static LakeFault connectionReset() {
        return new LakeFault(Kind.CONNECTION_RESET, 0, null, null, null, null);
    }

    /** The normal answer, sent after {@code delay}. */
    public static LakeFault delayed(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        return new LakeFault(Kind.DELAY, 0, null, null, null, delay);
    }

    /** This status fault with a {@code Retry-After} header (whole seconds). */
    public LakeFault withRetryAfter(Duration retryAfter) {
        requireStatus();
        Objects.requireNonNull(retryAfter, "retryAfter");
        return new LakeFault(kind, status, errorCode, message, retryAfter, delay);
    }

    /** This status fault with Lake's error code and message in the body. */
    public LakeFault withError(String errorCode, String message) {
        requireStatus();
        return new LakeFault(kind, status, Objects.requireNonNull(errorCode, "errorCode"),
                Objects.requireNonNull(message, "message"), retryAfter, delay);
    }

    private void requireStatus() {
        if (kind != Kind.STATUS) {
            throw new IllegalStateException("only a status fault has a body and headers");
        }
    }

    Kind kind() {
        return kind;
    }

    int httpStatus() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    String message() {
        return message;
    }

    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    Duration delay() {
        return delay;
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 429 -> "The user has reached the session limit (fault injected by the fake Lake)";
            case 503 -> "Service unavailable (fault injected by the fake Lake)";
            case 500 -> "Internal server error (fault injected by the fake Lake)";
            default -> "HTTP " + status + " (fault injected by the fake Lake)";
        };
    }

    /** A short description for the journal, e.g. {@code 429 Retry-After 2 s}. */
    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> status + (retryAfter == null ? "" : " Retry-After " + retryAfter.toSeconds() + " s");
            case CONNECTION_RESET -> "connection reset";
            case DELAY -> "delayed " + delay.toMillis() + " ms";
        };
    }
}
