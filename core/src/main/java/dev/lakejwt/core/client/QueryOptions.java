package dev.lakejwt.core.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Optional fields of a Query Service request ({@code POST …/systems/{system}/queries}); a field left
 * unset is not sent, so Lake's own default applies.
 *
 * <p>Easy to get wrong: {@code queryTimeout} is how long Lake lets the client wait for the query, in
 * whole seconds; it is separate from the HTTP request timeout of {@link LakeClient}, which should be
 * longer, or the client gives up before Lake answers.
 *
 * @param format         the answer format; null for Lake's default (object)
 * @param rowLimit       the most rows to return
 * @param rowOffset      rows to skip
 * @param includeColumns whether to include column metadata
 * @param queryTimeout   Lake-side wait for completion
 * @param queueTimeout   Lake-side wait in the queue; zero means do not queue
 * @param session        an explicit session id from the sessions API
 * @param clientId       a client-chosen id for later lookup
 * @param queryBands     session query bands
 * @param params         parameter rows for {@code ?} placeholders
 */
public record QueryOptions(ResultFormat format, Integer rowLimit, Integer rowOffset, Boolean includeColumns,
                           Duration queryTimeout, Duration queueTimeout, Long session, String clientId,
                           Map<String, String> queryBands, List<List<Object>> params) {
    /** No options: Lake's defaults. */
    public static final QueryOptions DEFAULTS = builder().build();

    public QueryOptions {
        queryBands = queryBands == null ? null : Map.copyOf(queryBands);
        params = params == null ? null : params.stream().map(List::copyOf).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The JSON request body for {@code sql} with these options and {@code "logMech":"JWT"}. */
    Map<String, Object> requestBody(String sql) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", sql);
        putIfSet(body, "format", format == null ? null : format.wireName());
        putIfSet(body, "rowLimit", rowLimit);
        putIfSet(body, "rowOffset", rowOffset);
        putIfSet(body, "includeColumns", includeColumns);
        putIfSet(body, "queryTimeout", queryTimeout == null ? null : queryTimeout.toSeconds());
        putIfSet(body, "queueTimeout", queueTimeout == null ? null : queueTimeout.toSeconds());
        putIfSet(body, "session", session);
        putIfSet(body, "clientId", clientId);
        putIfSet(body, "queryBands", queryBands);
        putIfSet(body, "params", params);
        body.put("logMech", "JWT");
        return body;
    }

    private static void putIfSet(Map<String, Object> body, String name, Object value) {
        if (value != null) {
            body.put(name, value);
        }
    }

    /** Builds {@link QueryOptions}; every field starts unset. */
    public static final class Builder {
        private ResultFormat format;
        private Integer rowLimit;
        private Integer rowOffset;
        private Boolean includeColumns;
        private Duration queryTimeout;
        private Duration queueTimeout;
        private Long session;
        private String clientId;
        private Map<String, String> queryBands;
        private List<List<Object>> params;

        private Builder() {
        }

        public Builder format(ResultFormat format) {
            this.format = format;
            return this;
        }

        public Builder rowLimit(int rowLimit) {
            if (rowLimit < 0) {
                throw new IllegalArgumentException("rowLimit must not be negative");
            }
            this.rowLimit = rowLimit;
            return this;
        }

        public Builder rowOffset(int rowOffset) {
            if (rowOffset < 0) {
                throw new IllegalArgumentException("rowOffset must not be negative");
            }
            this.rowOffset = rowOffset;
            return this;
        }

        public Builder includeColumns(boolean includeColumns) {
            this.includeColumns = includeColumns;
            return this;
        }

        public Builder queryTimeout(Duration queryTimeout) {
            this.queryTimeout = queryTimeout;
            return this;
        }

        public Builder queueTimeout(Duration queueTimeout) {
            this.queueTimeout = queueTimeout;
            return this;
        }

        public Builder session(long session) {
            this.session = session;
            return this;
        }

        public Builder clientId(String clientId) {
            this.clientId = clientId;
            return this;
        }

        public Builder queryBands(Map<String, String> queryBands) {
            this.queryBands = queryBands;
            return this;
        }

        public Builder params(List<List<Object>> params) {
            this.params = params;
            return this;
        }

        public QueryOptions build() {
            return new QueryOptions(format, rowLimit, rowOffset, includeColumns, queryTimeout, queueTimeout, session,
                    clientId, queryBands, params);
        }
    }
}
