package dev.lakejwt.testkit;

import dev.lakejwt.core.client.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What the fake Lake answers for one SQL statement: a result set (columns and rows), an update
 * count, or a database error (HTTP 420 with a Teradata error code, like Lake). The fake applies the
 * request's {@code format}, {@code includeColumns}, {@code rowOffset} and {@code rowLimit} to a result set.
 *
 * <p>Easy to get wrong: SQL errors are HTTP <b>420</b> on Lake, not 400; {@link #error(String, String)}
 * gives 420. Values must be JSON scalars ({@code String}, a number, {@code Boolean} or {@code null});
 * a {@code java.sql.Date} or similar is refused here, not at request time.
 */
public final class QueryAnswer {
    enum Kind { ROWS, COUNT, ERROR }

    private static final QueryAnswer DBC_INFO = table()
            .column("InfoKey", "VARCHAR").column("InfoData", "VARCHAR")
            .row("VERSION", "17.20.03.09")
            .row("LANGUAGE SUPPORT MODE", "Standard")
            .row("RELEASE", "17.20.03.09")
            .build();

    private final Kind kind;
    private final List<Column> columns;
    private final List<List<Object>> rows;
    private final long count;
    private final int status;
    private final String errorCode;
    private final String message;

    private QueryAnswer(Kind kind, List<Column> columns, List<List<Object>> rows, long count, int status,
                        String errorCode, String message) {
        this.kind = kind;
        this.columns = columns;
        this.rows = rows;
        this.count = count;
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
    }

    /** A result set; each row has one value per column. */
    public static QueryAnswer rows(List<Column> columns, List<? extends List<?>> rows) {
        Objects.requireNonNull(columns, "columns");
        Objects.requireNonNull(rows, "rows");
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a result set needs at least one column");
        }
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<?> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + copy.size() + " has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            for (Object v : row) {
                requireScalar(v);
            }
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        return new QueryAnswer(Kind.ROWS, List.copyOf(columns), Collections.unmodifiableList(copy), 0, 200, null, null);
    }

    /** Starts a result set built column by column and row by row. */
    public static Table table() {
        return new Table();
    }

    /** An update count ({@code {"resultSet":false,"count":n}}), as for INSERT, UPDATE or DELETE. */
    public static QueryAnswer updateCount(long count) {
        return new QueryAnswer(Kind.COUNT, List.of(), List.of(), count, 200, null, null);
    }

    /** A database error: HTTP 420 with {@code {"error":code,"message":message}}, e.g. 3706 for a syntax error. */
    public static QueryAnswer error(String errorCode, String message) {
        return error(420, errorCode, message);
    }

    /** An error with any HTTP status, e.g. 412 for a busy session. */
    public static QueryAnswer error(int status, String errorCode, String message) {
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an error answer needs a 4xx or 5xx status, got " + status);
        }
        return new QueryAnswer(Kind.ERROR, List.of(), List.of(), 0, status, Objects.requireNonNull(errorCode, "errorCode"),
                Objects.requireNonNull(message, "message"));
    }

    /** The three rows of {@code SELECT * FROM DBC.DBCInfo}: VERSION, LANGUAGE SUPPORT MODE and RELEASE. */
    public static QueryAnswer dbcInfo() {
        return DBC_INFO;
    }

    /** Teradata's 3807 "Object '…' does not exist.", what Lake answers for an unknown table. */
    public static QueryAnswer objectDoesNotExist(String objectName) {
        return error("3807", "Object '" + objectName + "' does not exist.");
    }

    Kind kind() {
        return kind;
    }

    public List<Column> columns() {
        return columns;
    }

    public List<List<Object>> rows() {
        return rows;
    }

    long count() {
        return count;
    }

    int status() {
        return status;
    }

    String errorCode() {
        return errorCode;
    }

    String message() {
        return message;
    }

    boolean isError() {
        return kind == Kind.ERROR;
    }

    private static void requireScalar(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Short || v instanceof Byte || v instanceof BigInteger || v instanceof BigDecimal
                || v instanceof Double d && Double.isFinite(d) || v instanceof Float f && Float.isFinite(f)) {
            return;
        }
        throw new IllegalArgumentException("a result value must be a JSON scalar (String, number, Boolean or null), "
                + "not " + v.getClass().getName());
    }

    @Override
    public String toString() {
        return switch (kind) {
            case ROWS -> "QueryAnswer[" + columns.size() + " columns, " + rows.size() + " rows]";
            case COUNT -> "QueryAnswer[count " + count + "]";
            case ERROR -> "QueryAnswer[" + status + " " + errorCode + ": " + message + "]";
        };
    }

    /** Builds a result set: {@code table().column("Id", "INTEGER").row(1).build()}. */
    public static final class Table {
        private final List<Column> columns = new ArrayList<>();
        private final List<List<Object>> rows = new ArrayList<>();

        private Table() {
        }

        /** Adds a column with its Teradata type (shown with {@code includeColumns}). */
        public Table column(String name, String type) {
            columns.add(new Column(Objects.requireNonNull(name, "name"), type));
            return this;
        }

        /** Adds a row; values in column order. */
        public Table row(Object... values) {
            rows.add(Arrays.asList(values));
            return this;
        }

        public QueryAnswer build() {
            return QueryAnswer.rows(columns, rows);
        }
    }
}
