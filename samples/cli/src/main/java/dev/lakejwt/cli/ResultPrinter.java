package dev.lakejwt.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;
import dev.lakejwt.core.client.Column;
import dev.lakejwt.core.client.QueryResult;
import dev.lakejwt.core.client.StatementResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints a {@link QueryResult} as an aligned table (numeric columns right-aligned, {@code NULL} for null), as
 * JSON in Query Service's own shape, or as CSV with a header line. Several statements print one block
 * each, separated by a blank line.
 *
 * <p>Easy to get wrong: Lake may return fewer rows than exist ({@code rowLimit}); the table says so in
 * its footer, JSON keeps {@code rowLimitExceeded}, and CSV has no place for it, so the caller warns on stderr.
 */
final class ResultPrinter {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();
    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
            .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .build();

    /** The output formats of {@code lakejwt query --format}. */
    enum Format {
        table, json, csv
    }

    private ResultPrinter() {
    }

    static void print(QueryResult result, Format format, PrintWriter out) {
        switch (format) {
            case json -> json(result, out);
            case csv -> csv(result, out);
            default -> table(result, out);
        }
        out.flush();
    }

    static void table(QueryResult result, PrintWriter out) {
        boolean first = true;
        for (StatementResult statement : result.results()) {
            if (!first) {
                out.println();
            }
            first = false;
            if (!statement.resultSet()) {
                long count = statement.updateCount().orElse(0);
                out.println("(" + count + (count == 1 ? " row" : " rows") + " affected)");
                continue;
            }
            table(statement.columnNames(), statement.rows(), out);
            long shown = statement.rows().size();
            String footer = "(" + shown + (shown == 1 ? " row" : " rows");
            if (statement.rowLimitExceeded()) {
                footer += "; the row limit cut the result, " + statement.rowCount() + " rows in all: raise --row-limit";
            }
            out.println(footer + ")");
        }
    }

    /** An aligned text table: header, a dashed rule, then the rows; numeric columns are right-aligned. */
    static void table(List<String> header, List<List<Object>> rows, PrintWriter out) {
        int columns = header.size();
        int[] widths = new int[columns];
        boolean[] numeric = new boolean[columns];
        boolean[] hasValue = new boolean[columns];
        for (int c = 0; c < columns; c++) {
            widths[c] = header.get(c).length();
            numeric[c] = true;
        }
        List<String[]> cells = new ArrayList<>(rows.size());
        for (List<Object> row : rows) {
            String[] line = new String[columns];
            for (int c = 0; c < columns; c++) {
                Object value = c < row.size() ? row.get(c) : null;
                line[c] = cell(value);
                widths[c] = Math.max(widths[c], line[c].length());
                if (value != null) {
                    hasValue[c] = true;
                    numeric[c] &= value instanceof Number;
                }
            }
            cells.add(line);
        }
        for (int c = 0; c < columns; c++) {
            numeric[c] &= hasValue[c];
        }
        StringBuilder rule = new StringBuilder();
        for (int c = 0; c < columns; c++) {
            rule.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        out.println(line(header.toArray(String[]::new), widths, numeric));
        out.println(rule);
        for (String[] line : cells) {
            out.println(line(line, widths, numeric));
        }
    }

    private static String line(String[] values, int[] widths, boolean[] rightAligned) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            if (c > 0) {
                line.append("  ");
            }
            String pad = " ".repeat(widths[c] - values[c].length());
            line.append(rightAligned[c] ? pad + values[c] : values[c] + (c == values.length - 1 ? "" : pad));
        }
        return line.toString();
    }

    private static String cell(Object value) {
        if (value == null) {
            return "NULL";
        }
        String text = value instanceof BigDecimal d ? d.toPlainString() : value.toString();
        return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t");
    }

    /** Query Service's answer shape: durations, then one object per statement with its rows as objects. */
    static void json(QueryResult result, PrintWriter out) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("queueDuration", result.queueDurationMillis());
        root.put("queryDuration", result.queryDurationMillis());
        List<Map<String, Object>> statements = new ArrayList<>();
        for (StatementResult statement : result.results()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("resultSet", statement.resultSet());
            if (statement.resultSet()) {
                List<Map<String, Object>> columns = new ArrayList<>();
                for (Column column : statement.columns()) {
                    Map<String, Object> c = new LinkedHashMap<>();
                    c.put("name", column.name());
                    column.typeName().ifPresent(type -> c.put("type", type));
                    columns.add(c);
                }
                s.put("columns", columns);
                s.put("data", statement.rowsAsMaps());
                s.put("rowCount", statement.rowCount());
                s.put("rowLimitExceeded", statement.rowLimitExceeded());
            } else {
                statement.updateCount().ifPresent(count -> s.put("count", count));
            }
            statements.add(s);
        }
        root.put("results", statements);
        try {
            JSON.writeValue(out, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
    }

    /** RFC 4180 CSV: a header line of column names, then one line per row; null is an empty field. */
    static void csv(QueryResult result, PrintWriter out) {
        boolean first = true;
        for (StatementResult statement : result.results()) {
            if (!first) {
                out.println();
            }
            first = false;
            if (!statement.resultSet()) {
                out.println("count");
                out.println(statement.updateCount().orElse(0));
                continue;
            }
            CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\n");
            statement.columnNames().forEach(schema::addColumn);
            try (SequenceWriter writer = CSV.writer(schema.build()).writeValues(out)) {
                for (List<Object> row : statement.rows()) {
                    writer.write(row.toArray());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
