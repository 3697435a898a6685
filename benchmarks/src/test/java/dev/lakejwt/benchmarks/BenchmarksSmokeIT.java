package dev.lakejwt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.benchmarks.report.MarkdownReport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code benchmarks/run.sh -smoke} on the freshly built {@code target/benchmarks.jar}, as CI runs it:
 * every benchmark class runs (with the {@code accp} provider among them), each score is above zero,
 * and the report renders. Numbers from a few hundred milliseconds prove only that the suite works.
 */
class BenchmarksSmokeIT {
    private static final Path MODULE = Path.of("").toAbsolutePath();

    @Test
    void theSmokeRunMeasuresEveryBenchmarkAndRendersTheReport() throws Exception {
        Path out = MODULE.resolve("target/smoke-it");
        Process run = new ProcessBuilder("bash", MODULE.resolve("run.sh").toString(), "-smoke", "--out", out.toString())
                .redirectErrorStream(true).redirectOutput(MODULE.resolve("target/smoke-it.log").toFile()).start();
        boolean finished = run.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            run.destroyForcibly();
        }
        String log = Files.readString(MODULE.resolve("target/smoke-it.log"), StandardCharsets.UTF_8);

        assertThat(finished && run.exitValue() == 0).as("run.sh -smoke exit, log:\n%s", log).isTrue();
        JsonNode results = new ObjectMapper().readTree(MODULE.resolve("target/run-smoke/jmh.json").toFile());
        List<String> measured = new ArrayList<>();
        for (JsonNode row : results) {
            String name = row.path("benchmark").asText().replace("dev.lakejwt.benchmarks.", "") + row.path("params");
            assertThat(row.path("primaryMetric").path("score").asDouble()).as(name).isPositive();
            measured.add(name);
        }
        assertThat(measured).anyMatch(n -> n.startsWith("SigningBenchmark.sign") && n.contains("\"provider\":\"accp\""))
                .anyMatch(n -> n.startsWith("BaselineBenchmark.rawSignature") && n.contains("\"provider\":\"accp\""))
                .anyMatch(n -> n.startsWith("OverheadBenchmark.sign"))
                .anyMatch(n -> n.startsWith("TokenSourceBenchmark.token"));
        String md = Files.readString(out.resolve("benchmarks.md"));
        assertThat(md).contains(MarkdownReport.BEGIN).contains("Command: `benchmarks/run.sh -smoke --out ")
                .contains("| RS256 | accp | **jdk** |");
        assertThat(Files.readString(out.resolve("images/signing-throughput.svg"))).startsWith("<svg ").contains("jdk signer");
    }
}
