package dev.lakejwt.core.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The result of one SQL statement: either a result set (columns and rows) or an update count.
 * Values are JSON scalars as Java objects: {@code String}, {@code Long}, {@code BigDecimal},
 * {@code Boolean} or {@code null} (CSV values are all strings).
 *
 * <p>Easy to get wrong: {@link #rowCount()} is what Lake reports, which with {@code rowLimit} can
 * exceed {@code rows().size()}; check {@link #rowLimitExceeded()} before trusting a result as complete.
 *
 * @param resultSet        true for rows, false for an update count
 * @param columns          the columns, in order
 * @param rows             the rows, each value in column order
 * @param rowCount         the row count Lake reported
 * @param rowLimitExceeded whether rows were cut at the request's {@code rowLimit}
 * @param updateCount      the update count of a DML statement
 */
public record StatementResult(boolean resultSet, List<Column> columns, List<List<Object>> rows, long rowCount,
                              boolean rowLimitExceeded, OptionalLong updateCount) {
    public StatementResult {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
        }
        rows = Collections.unmodifiableList(copy);
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        return columns.stream().map(Column::name).toList();
    }

    /** Each row as a map from column name to value, in column order. */
    public List<Map<String, Object>> rowsAsMaps() {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            Map<String, Object> map = new LinkedHashMap<>();
            for (int i = 0; i < columns.size() && i < row.size(); i++) {
                map.put(columns.get(i).name(), row.get(i));
            }
            out.add(map);
        }
        return out;
    }
}
