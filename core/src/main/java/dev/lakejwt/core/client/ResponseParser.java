package dev.lakejwt.core.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Reads Query Service answers into the client's value types. */
final class ResponseParser {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS);
    private static final CsvMapper CSV = (CsvMapper) new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);

    private ResponseParser() {
    }

    static JsonNode tree(String body) throws IOException {
        JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new IOException("empty body");
        }
        return node;
    }

    static String json(Object value) throws IOException {
        return MAPPER.writeValueAsString(value);
    }

    static QueryResult queryResult(String body) throws IOException {
        JsonNode root = tree(body);
        JsonNode results = root.path("results");
        if (!results.isArray()) {
            throw new IOException("no 'results' array");
        }
        List<StatementResult> statements = new ArrayList<>();
        for (JsonNode result : results) {
            statements.add(statement(result));
        }
        return new QueryResult(root.path("queueDuration").asLong(0), root.path("queryDuration").asLong(0), statements);
    }

    private static StatementResult statement(JsonNode node) throws IOException {
        boolean isResultSet = node.path("resultSet").asBoolean(node.has("data"));
        if (!isResultSet) {
            JsonNode count = node.has("count") ? node.get("count") : node.path("updateCount");
            return new StatementResult(false, List.of(), List.of(), 0, false,
                    count.isNumber() ? OptionalLong.of(count.asLong()) : OptionalLong.empty());
        }
        List<Column> columns = new ArrayList<>();
        for (JsonNode column : node.path("columns")) {
            columns.add(new Column(column.path("name").asText(), column.hasNonNull("type") ? column.get("type").asText() : null));
        }
        JsonNode data = node.path("data");
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : data) {
            if (row.isObject()) {
                if (columns.isEmpty()) {
                    row.fieldNames().forEachRemaining(name -> columns.add(new Column(name, null)));
                }
                List<Object> values = new ArrayList<>(columns.size());
                for (Column column : columns) {
                    values.add(scalar(row.get(column.name())));
                }
                rows.add(values);
            } else if (row.isArray()) {
                List<Object> values = new ArrayList<>(row.size());
                row.forEach(v -> values.add(scalar(v)));
                rows.add(values);
            } else {
                throw new IOException("a row is neither an object nor an array");
            }
        }
        if (columns.isEmpty() && !rows.isEmpty()) {
            for (int i = 1; i <= rows.get(0).size(); i++) {
                columns.add(new Column("column" + i, null));
            }
        }
        long rowCount = node.path("rowCount").asLong(rows.size());
        return new StatementResult(true, columns, rows, rowCount, node.path("rowLimitExceeded").asBoolean(false),
                OptionalLong.empty());
    }

    static QueryResult csvResult(String body) throws IOException {
        List<Column> columns = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        try (MappingIterator<String[]> it = CSV.readerFor(String[].class).readValues(body)) {
            if (it.hasNext()) {
                for (String name : it.next()) {
                    columns.add(new Column(name, null));
                }
            }
            while (it.hasNext()) {
                rows.add(new ArrayList<>(Arrays.asList((Object[]) it.next())));
            }
        }
        return new QueryResult(0, 0, List.of(new StatementResult(true, columns, rows, rows.size(), false,
                OptionalLong.empty())));
    }

    static List<LakeSystem> systems(String body) throws IOException {
        JsonNode root = tree(body);
        JsonNode list = root.isArray() ? root : root.path("systems");
        if (!list.isArray()) {
            throw new IOException("no array of systems");
        }
        List<LakeSystem> systems = new ArrayList<>();
        for (JsonNode node : list) {
            if (node.isTextual()) {
                systems.add(new LakeSystem(node.asText(), Map.of("name", node.asText())));
            } else if (node.isObject() && node.hasNonNull("name")) {
                systems.add(new LakeSystem(node.get("name").asText(), attributes(node)));
            } else {
                throw new IOException("a system has no name");
            }
        }
        return systems;
    }

    static Organization organization(String body) throws IOException {
        JsonNode root = tree(body);
        if (!root.isObject() || !root.hasNonNull("id")) {
            throw new IOException("no organization 'id'");
        }
        return new Organization(root.get("id").asText(), root.hasNonNull("name") ? root.get("name").asText() : null,
                attributes(root));
    }

    /** Lake's error body {@code {"error":…,"message":…}}: [code, message], either may be null. */
    static String[] error(String body) {
        try {
            JsonNode root = tree(body);
            String code = root.hasNonNull("error") ? root.get("error").asText() : null;
            String message = root.hasNonNull("message") ? root.get("message").asText() : null;
            return new String[] {code, message};
        } catch (IOException | RuntimeException e) {
            return new String[] {null, null};
        }
    }

    private static Map<String, Object> attributes(JsonNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Object value = field.getValue().isValueNode() ? scalar(field.getValue()) : field.getValue().toString();
            if (value != null) {
                map.put(field.getKey(), value);
            }
        }
        return map;
    }

    private static Object scalar(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.asLong() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        return v.toString();
    }
}
