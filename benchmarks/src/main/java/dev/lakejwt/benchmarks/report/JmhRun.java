package dev.lakejwt.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A JMH run read from its JSON result file ({@code -rf json -rff FILE}): the rows, and how the run
 * was set up (JDK, VM, JMH version, forks, warm-up and measurement iterations), as JMH recorded them.
 *
 * <p>Easy to get wrong: the JDK and VM are taken from the first row, while the iteration settings
 * are listed per benchmark class, since each class declares its own.
 *
 * @param results   every benchmark row, in file order
 * @param jdk       {@code jdkVersion}, e.g. {@code 17.0.15}
 * @param vm        {@code vmName vmVersion}
 * @param jmh       JMH's version
 * @param iterations forks, warm-up and measurement iterations, per group of benchmark classes sharing them
 */
public record JmhRun(List<JmhResult> results, String jdk, String vm, String jmh, String iterations) {
    private static final String ALLOCATION = "gc.alloc.rate.norm";

    /** Reads a JMH JSON result file. */
    public static JmhRun read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        if (!root.isArray() || root.isEmpty()) {
            throw new IOException(file + " holds no JMH results (expected the JSON array of -rf json)");
        }
        List<JmhResult> results = new ArrayList<>();
        for (JsonNode row : root) {
            results.add(result(row));
        }
        JsonNode first = root.get(0);
        Map<String, Set<String>> classesBySetting = new LinkedHashMap<>();
        for (JsonNode row : root) {
            String setting = row.path("forks").asInt() + " fork, " + row.path("warmupIterations").asInt() + " × "
                    + row.path("warmupTime").asText() + " warm-up, " + row.path("measurementIterations").asInt()
                    + " × " + row.path("measurementTime").asText() + " measured";
            String benchmark = row.path("benchmark").asText();
            String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
            classesBySetting.computeIfAbsent(setting, s -> new LinkedHashSet<>()).add(type.substring(type.lastIndexOf('.') + 1));
        }
        String iterations = classesBySetting.entrySet().stream()
                .map(e -> (classesBySetting.size() > 1 ? String.join(", ", e.getValue()) + ": " : "") + e.getKey())
                .collect(Collectors.joining("; "));
        return new JmhRun(List.copyOf(results), first.path("jdkVersion").asText(),
                (first.path("vmName").asText() + " " + first.path("vmVersion").asText()).trim(),
                first.path("jmhVersion").asText(), iterations);
    }

    private static JmhResult result(JsonNode row) {
        String benchmark = row.path("benchmark").asText();
        int dot = benchmark.lastIndexOf('.');
        String type = benchmark.substring(0, dot);
        Map<String, String> params = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.path("params").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> param = it.next();
            params.put(param.getKey(), param.getValue().asText());
        }
        JsonNode primary = row.path("primaryMetric");
        JsonNode allocation = row.path("secondaryMetrics").path(ALLOCATION);
        return new JmhResult(type.substring(type.lastIndexOf('.') + 1), benchmark.substring(dot + 1), Map.copyOf(params),
                row.path("threads").asInt(1), row.path("mode").asText(), primary.path("score").asDouble(),
                number(primary.path("scoreError")), primary.path("scoreUnit").asText(),
                allocation.isMissingNode() ? OptionalDouble.empty() : OptionalDouble.of(allocation.path("score").asDouble()));
    }

    /** JMH writes {@code "NaN"} as a string when it cannot compute an error. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }

    /** The first row that is {@code benchmarkClass.method} and matches {@code filter}. */
    public Optional<JmhResult> find(String benchmarkClass, String method, Predicate<JmhResult> filter) {
        return results.stream().filter(r -> r.is(benchmarkClass, method)).filter(filter).findFirst();
    }
}
