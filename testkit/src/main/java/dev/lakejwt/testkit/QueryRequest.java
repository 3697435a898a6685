package dev.lakejwt.testkit;

import java.util.Map;
import java.util.Optional;

/**
 * One SQL statement the fake Lake must answer, as a {@link QueryHandler} sees it: the system, the
 * statement text (a request with several statements separated by {@code ;} gives one request per
 * statement), the authenticated user, and the whole request body.
 *
 * <p>Easy to get wrong: {@link #statement()} is trimmed and without its trailing {@code ;}, but
 * otherwise exactly as sent: match case-insensitively and tolerate spacing, or use
 * {@link FakeLake#stubQuery(java.util.regex.Pattern, QueryAnswer)}.
 *
 * @param system    the system alias from the URL
 * @param statement one SQL statement
 * @param user      the token's {@code sub}
 * @param body      the request body as plain Java values ({@code params}, {@code queryBands}, …)
 */
public record QueryRequest(String system, String statement, String user, Map<String, Object> body) {
    public QueryRequest {
        body = body == null ? Map.of() : body;
    }

    /** The {@code params} rows of the request body, if any. */
    public Optional<Object> params() {
        return Optional.ofNullable(body.get("params"));
    }
}
