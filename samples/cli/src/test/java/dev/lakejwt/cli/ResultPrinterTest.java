package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.client.Column;
import dev.lakejwt.core.client.QueryResult;
import dev.lakejwt.core.client.StatementResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ResultPrinterTest {
    private static final StatementResult ROWS = new StatementResult(true,
            List.of(new Column("Name", "VARCHAR"), new Column("Amount", "DECIMAL"), new Column("Note", null)),
            List.of(Arrays.asList("alpha", 5L, "plain"),
                    Arrays.asList("b", new BigDecimal("1234.50"), null),
                    Arrays.asList("quote\"d, comma", new BigDecimal("1E+3"), "two\nlines")),
            3, false, OptionalLong.empty());
    private static final StatementResult UPDATE = new StatementResult(false, List.of(), List.of(), 0, false,
            OptionalLong.of(2));

    @Test
    void tableAlignsColumnsRightAlignsNumbersAndCountsRows() {
        String out = print(new QueryResult(0, 0, List.of(ROWS)), ResultPrinter.Format.table);

        assertThat(out).isEqualTo(""
                + "Name             Amount  Note\n"
                + "--------------  -------  ----------\n"
                + "alpha                 5  plain\n"
                + "b               1234.50  NULL\n"
                + "quote\"d, comma     1000  two\\nlines\n"
                + "(3 rows)\n");
    }

    @Test
    void tableSaysWhenTheRowLimitCutTheResultAndPrintsUpdateCounts() {
        StatementResult cut = new StatementResult(true, List.of(new Column("X", null)), List.of(List.of("1")), 10,
                true, OptionalLong.empty());

        String out = print(new QueryResult(0, 0, List.of(cut, UPDATE)), ResultPrinter.Format.table);

        assertThat(out).isEqualTo("X\n-\n1\n(1 row; the row limit cut the result, 10 rows in all: raise --row-limit)\n"
                + "\n(2 rows affected)\n");
    }

    @Test
    void csvQuotesWhatNeedsQuotingAndLeavesNullEmpty() {
        String out = print(new QueryResult(0, 0, List.of(ROWS)), ResultPrinter.Format.csv);

        assertThat(out).isEqualTo("Name,Amount,Note\n"
                + "alpha,5,plain\n"
                + "b,1234.50,\n"
                + "\"quote\"\"d, comma\",1000,\"two\nlines\"\n");
    }

    @Test
    void anEmptyResultStillShowsItsColumns() {
        StatementResult empty = new StatementResult(true, List.of(new Column("A", null), new Column("B", null)),
                List.of(), 0, false, OptionalLong.empty());
        QueryResult result = new QueryResult(0, 0, List.of(empty));

        assertThat(print(result, ResultPrinter.Format.table)).isEqualTo("A  B\n-  -\n(0 rows)\n");
        assertThat(print(result, ResultPrinter.Format.csv)).isEqualTo("A,B\n");
    }

    @Test
    void jsonHasQueryServicesShapeWithExactNumbers() throws Exception {
        String out = print(new QueryResult(4, 17, List.of(ROWS, UPDATE)), ResultPrinter.Format.json);

        JsonNode root = new ObjectMapper().readTree(out);
        assertThat(root.get("queueDuration").asLong()).isEqualTo(4);
        assertThat(root.get("queryDuration").asLong()).isEqualTo(17);
        JsonNode first = root.get("results").get(0);
        assertThat(first.get("resultSet").asBoolean()).isTrue();
        assertThat(first.get("columns").get(0).toString()).isEqualTo("{\"name\":\"Name\",\"type\":\"VARCHAR\"}");
        assertThat(first.get("data").get(1).get("Note").isNull()).isTrue();
        assertThat(out).as("decimals exactly as Lake sent them, never in E notation")
                .contains("\"Amount\" : 1234.50,").contains("\"Amount\" : 1000,");
        assertThat(first.get("rowCount").asLong()).isEqualTo(3);
        assertThat(root.get("results").get(1).toString()).isEqualTo("{\"resultSet\":false,\"count\":2}");
    }

    private static String print(QueryResult result, ResultPrinter.Format format) {
        StringWriter out = new StringWriter();
        ResultPrinter.print(result, format, new PrintWriter(out));
        return out.toString();
    }
}
