package dev.lakejwt.testkit.verify;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Strict JSON reading for token parts: one object, no duplicate member, nothing after it. */
final class TokenJson {
    /** 1970-01-01: no Lake time claim is earlier. */
    static final long MIN_EPOCH_SECOND = 0;
    /** 9999-12-31T23:59:59Z: anything larger is not epoch seconds (often milliseconds). */
    static final long MAX_EPOCH_SECOND = 253_402_300_799L;

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private TokenJson() {
    }

    /** The part as a JSON object, or an exception whose message is safe to show (no input quoted). */
    static ObjectNode readObject(byte[] json, String part) throws MalformedPartException {
        JsonNode node;
        try {
            node = STRICT.readTree(json);
        } catch (IOException | RuntimeException e) {
            throw new MalformedPartException(part + " is not valid JSON (" + describe(e) + ")");
        }
        if (node == null || node.isMissingNode()) {
            throw new MalformedPartException(part + " is empty");
        }
        if (!node.isObject()) {
            throw new MalformedPartException(part + " is a JSON " + node.getNodeType().name().toLowerCase()
                    + ", not an object");
        }
        return (ObjectNode) node;
    }

    private static String describe(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        // Jackson's first line names the problem; the rest quotes the input, which may hold the PAT.
        if (message.startsWith("Trailing token")) {
            return "trailing data after the JSON object";
        }
        String first = message.lines().findFirst().orElse(message);
        int quote = first.indexOf(": was expecting");
        first = quote > 0 ? first.substring(0, quote) : first;
        first = first.replaceAll("'[^']*'", "'…'").replaceAll("\"[^\"]*\"", "\"…\"");
        return first.length() > 160 ? first.substring(0, 160) + "…" : first;
    }

    static Map<String, Object> toJavaMap(ObjectNode node) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            map.put(e.getKey(), toJava(e.getValue()));
        }
        return Collections.unmodifiableMap(map);
    }

    static Object toJava(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return null;
        }
        if (v.isObject()) {
            return toJavaMap((ObjectNode) v);
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(x -> list.add(toJava(x)));
            return Collections.unmodifiableList(list);
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.canConvertToLong() ? (Object) v.longValue() : v.bigIntegerValue();
        }
        if (v.isNumber()) {
            return v.decimalValue();
        }
        return v.toString();
    }

    /** Compact JSON of a node, for the inspector and journal. */
    static String write(Object value) {
        try {
            return STRICT.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    /** Thrown for a header or payload that is not one JSON object; the message never quotes the input. */
    static final class MalformedPartException extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedPartException(String message) {
            super(message);
        }
    }
}
