package dev.lakejwt.testkit;

import java.util.Optional;

/**
 * The seam that shapes what the fake Lake answers for SQL: given a statement, answer it or pass
 * (empty). Handlers and stubs registered on a {@link FakeLake} form one list asked newest first (a
 * stub is a handler for one SQL text or pattern); after them comes the built-in
 * {@code SEL * FROM dbc.dbcinfo}, and last Lake's 420 with error 3807.
 *
 * <p>Easy to get wrong: a handler runs on the server's request threads, possibly concurrently; keep
 * it thread-safe and quick, and return {@link Optional#empty()} for statements it does not own so
 * the defaults still work.
 */
@FunctionalInterface
public interface QueryHandler {
    /** The answer for this statement, or empty to let the next handler (or the defaults) answer. */
    Optional<QueryAnswer> answer(QueryRequest request);
}
