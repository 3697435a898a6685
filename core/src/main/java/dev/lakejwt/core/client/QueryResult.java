package dev.lakejwt.core.client;

import dev.lakejwt.core.LakeApiException;
import java.util.List;

/**
 * A Query Service answer: how long the request queued and ran, and one {@link StatementResult} per
 * SQL statement (a request may hold several, separated by {@code ;}).
 *
 * <p>Easy to get wrong: a multi-statement request has several results; {@link #first()} is only the
 * first statement's.
 *
 * @param queueDurationMillis time spent queued, as Lake reports it
 * @param queryDurationMillis time spent running, as Lake reports it
 * @param results             one entry per statement
 */
public record QueryResult(long queueDurationMillis, long queryDurationMillis, List<StatementResult> results) {
    public QueryResult {
        results = List.copyOf(results);
    }

    /** The first statement's result. */
    public StatementResult first() {
        if (results.isEmpty()) {
            throw new LakeApiException("Lake returned no statement results", 200, null, null);
        }
        return results.get(0);
    }
}
