package dev.lakejwt.testkit;

import dev.lakejwt.testkit.verify.Verdict;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request the fake Lake received: when, method, path, the status it answered, the verdict on its
 * token (with the decoded header and claims), any injected fault, and the request body and headers
 * (without {@code Authorization}).
 *
 * <p>Easy to get wrong: {@link #status()} is 0 when an injected connection reset meant no answer was
 * sent; and {@link #verdict()} is the token's verdict even when a fault replaced the answer.
 */
public final class JournalEntry {
    private final long sequence;
    private final Instant receivedAt;
    private final String method;
    private final String path;
    private final int status;
    private final Verdict verdict;
    private final String fault;
    private final String body;
    private final Map<String, String> headers;

    JournalEntry(long sequence, Instant receivedAt, String method, String path, int status, Verdict verdict,
                 String fault, String body, Map<String, String> headers) {
        this.sequence = sequence;
        this.receivedAt = Objects.requireNonNull(receivedAt, "receivedAt");
        this.method = Objects.requireNonNull(method, "method");
        this.path = Objects.requireNonNull(path, "path");
        this.status = status;
        this.verdict = Objects.requireNonNull(verdict, "verdict");
        this.fault = fault;
        this.body = body == null ? "" : body;
        this.headers = Map.copyOf(headers);
    }

    /** 1 for the first request since the fake started (or was reset), then 2, 3, … */
    public long sequence() {
        return sequence;
    }

    /** When the request arrived, by the fake's clock. */
    public Instant receivedAt() {
        return receivedAt;
    }

    public String method() {
        return method;
    }

    /** The path with its query string, e.g. {@code /api/tdrest/systems/shared_demo/queries}. */
    public String path() {
        return path;
    }

    /** The HTTP status answered; 0 for a connection reset. */
    public int status() {
        return status;
    }

    /** The verdict on the request's token; its decoded claims hold the PAT (masked in its toString). */
    public Verdict verdict() {
        return verdict;
    }

    public boolean accepted() {
        return verdict.accepted();
    }

    /** The injected fault that replaced (or delayed) the answer, e.g. {@code 429 Retry-After 2 s}. */
    public Optional<String> fault() {
        return Optional.ofNullable(fault);
    }

    /** The request body as text (empty when there was none). */
    public String body() {
        return body;
    }

    /** The request headers, lower-case names, first value each, without {@code Authorization}. */
    public Map<String, String> headers() {
        return headers;
    }

    @Override
    public String toString() {
        return "#" + sequence + " " + method + " " + path + " -> " + (status == 0 ? "reset" : status) + " "
                + verdict.code() + (fault == null ? "" : " [fault: " + fault + "]");
    }
}
