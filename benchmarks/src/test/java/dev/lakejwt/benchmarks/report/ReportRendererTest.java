package dev.lakejwt.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * The report renderer on a JMH JSON result and {@code openssl speed} output made up here with random
 * scores in JMH's and openssl's formats: every ratio and verdict it prints must follow from those numbers.
 */
class ReportRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private final Random random = new Random();
    private final Map<String, Double> scores = new HashMap<>();
    private ArrayNode rows;
    private double opensslRsa;
    private double opensslEc;

    @BeforeEach
    void aRunOfEveryBenchmark() {
        rows = JSON.createArrayNode();
        opensslRsa = 3000 + random.nextInt(1000) + 0.5;
        opensslEc = 30000 + random.nextInt(10000) + 0.5;
        for (String alg : ReportData.ALGORITHMS) {
            for (String provider : ReportData.PROVIDERS) {
                double raw = (provider.equals("accp") ? 3000 : 800) + random.nextInt(500);
                add("BaselineBenchmark.rawSignature", raw, params("alg", alg, "provider", provider), 1, "ops/s");
                add("BaselineBenchmark.rawSignatureReused", raw * 1.01, params("alg", alg, "provider", provider), 1, "ops/s");
                for (String signer : ReportData.SIGNERS) {
                    add("SigningBenchmark.sign", raw * (0.90 + random.nextDouble() * 0.12),
                            params("signer", signer, "alg", alg, "provider", provider), 1, "ops/s");
                }
            }
        }
        for (String signer : ReportData.SIGNERS) {
            add("OverheadBenchmark.sign", 1 + random.nextDouble() * 10, params("signer", signer), 1, "us/op");
        }
        add("TokenSourceBenchmark.token", 2e7 + random.nextInt(20_000_000), params("source", "caching"), 1, "ops/s");
        add("TokenSourceBenchmark.tokenTwoThreads", 4e7, params("source", "caching"), 2, "ops/s");
    }

    @Test
    void theTableShowsEachSignersRateAndItsRatiosToTheRawSignatureAndToOpenssl() throws Exception {
        String md = render();

        for (String alg : ReportData.ALGORITHMS) {
            double openssl = alg.equals("ES256") ? opensslEc : opensslRsa;
            for (String provider : ReportData.PROVIDERS) {
                double raw = scores.get(key("BaselineBenchmark.rawSignature", alg, provider, ""));
                for (String signer : ReportData.SIGNERS) {
                    double score = scores.get(key("SigningBenchmark.sign", alg, provider, signer));
                    assertThat(md).contains("| " + alg + " | " + provider + " | **" + signer + "** | "
                            + String.format(Locale.US, "%,.0f", score) + " | ")
                            .contains(String.format(Locale.ROOT, " | %.2f | %.2f | ", score / raw, score / openssl));
                }
            }
        }
        assertThat(md).contains(String.format(Locale.US, "`openssl speed rsa2048` %,.0f sign/s", opensslRsa))
                .contains(String.format(Locale.US, "`openssl speed ecdsap256` %,.0f sign/s", opensslEc))
                .contains("![RS256 and ES256").contains("](images/signing-throughput.svg)")
                .contains("Command: `benchmarks/run.sh`").contains(" cores, ");
    }

    @Test
    void theOverheadTableShowsTheRatioTheOverheadAloneLeavesAtTheAccpRawRate() throws Exception {
        String md = render();

        double raw = scores.get(key("BaselineBenchmark.rawSignature", "RS256", "accp", ""));
        for (String signer : ReportData.SIGNERS) {
            double micros = scores.get(key("OverheadBenchmark.sign", "", "", signer));
            assertThat(line(md, "| " + signer + " | " + String.format(Locale.ROOT, "%.2f", micros) + " | "))
                    .endsWith(String.format(Locale.ROOT, " | %.2f |", 1 / (1 + micros * 1e-6 * raw)));
        }
    }

    @Test
    void aTargetIsMetOnlyWhenEverySignerReachesIt() throws Exception {
        String md = render();

        for (String provider : ReportData.PROVIDERS) {
            double raw = scores.get(key("BaselineBenchmark.rawSignature", "RS256", provider, ""));
            boolean allReach = ReportData.SIGNERS.stream().allMatch(
                    s -> scores.get(key("SigningBenchmark.sign", "RS256", provider, s)) / raw >= ReportData.RAW_TARGET);
            assertThat(line(md, "| every signer, RS256, `" + provider + "` provider, × `rawSignature`"))
                    .endsWith(allReach ? "| yes |" : "| **no** |");
        }
        boolean accpReachesOpenssl = ReportData.SIGNERS.stream().allMatch(
                s -> scores.get(key("SigningBenchmark.sign", "RS256", "accp", s)) / opensslRsa >= ReportData.OPENSSL_TARGET);
        assertThat(line(md, "| every signer, RS256, `accp` provider, × `openssl speed rsa2048`"))
                .endsWith(accpReachesOpenssl ? "| yes |" : "| **no** |");
        assertThat(line(md, "| `caching` `token()`, warm, one thread")).endsWith("| yes |");
    }

    @Test
    void aMissingSignerOrAllocatingTokenSourceIsNotReportedAsMet() throws Exception {
        rows.remove(rowIndex("SigningBenchmark.sign", "RS256", "jdk", "jose4j"));
        ((ObjectNode) rows.get(rowIndex("TokenSourceBenchmark.token", "", "", ""))).with("secondaryMetrics")
                .with("gc.alloc.rate.norm").put("score", 24.0);

        String md = render();

        assertThat(line(md, "| every signer, RS256, `jdk` provider, × `rawSignature`")).endsWith("| not measured for every signer |");
        assertThat(line(md, "| `caching` `token()`, warm, one thread")).contains("24 B/op").endsWith("| **no** |");
    }

    @Test
    void theChartIsWellFormedSvgWithABarPerSignerAndProviderAndTheOpensslLines() throws Exception {
        render();
        String svg = Files.readString(dir.resolve("images/signing-throughput.svg"));
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));

        NodeList bars = doc.getElementsByTagName("rect");
        int dataBars = 0;
        for (int i = 0; i < bars.getLength(); i++) {
            dataBars += bars.item(i).getTextContent().contains(" per second") ? 1 : 0;
        }
        assertThat(dataBars).as("RS256 and ES256: per provider the raw signature and four signers").isEqualTo(2 * 2 * 5);
        double jjwt = scores.get(key("SigningBenchmark.sign", "RS256", "accp", "jjwt"));
        assertThat(svg).contains("jjwt signer, RS256, provider accp: " + String.format(Locale.US, "%,.0f", jjwt))
                .contains(String.format(Locale.US, "openssl speed rsa2048: %,.0f sign/s", opensslRsa))
                .contains(String.format(Locale.US, "openssl speed ecdsap256: %,.0f sign/s", opensslEc))
                .contains("tokens (or raw signatures) per second");
    }

    @Test
    void theGeneratedBlockReplacesOnlyItselfInTheHandWrittenPage() throws Exception {
        Files.writeString(dir.resolve("benchmarks.md"), "# Benchmarks\n\nHand-written intro.\n\n" + MarkdownReport.BEGIN
                + "\nold numbers\n" + MarkdownReport.END + "\n\n## Hand-written advice\n");

        String md = render();

        assertThat(md).startsWith("# Benchmarks\n\nHand-written intro.\n\n" + MarkdownReport.BEGIN)
                .doesNotContain("old numbers").endsWith(MarkdownReport.END + "\n\n## Hand-written advice\n");
    }

    @Test
    void theLibraryPageGetsOneSpeedLinePerSignerBetweenItsMarkers() throws Exception {
        Files.writeString(dir.resolve("choosing.md"), "# Choosing\n\n" + MarkdownReport.SUMMARY_BEGIN + "\nold\n"
                + MarkdownReport.SUMMARY_END + "\n\n## Recommendation\n");
        render();

        String page = Files.readString(dir.resolve("choosing.md"));

        assertThat(page).startsWith("# Choosing\n\n").doesNotContain("old\n").endsWith("\n\n## Recommendation\n");
        double raw = scores.get(key("BaselineBenchmark.rawSignature", "RS256", "accp", ""));
        for (String signer : ReportData.SIGNERS) {
            double score = scores.get(key("SigningBenchmark.sign", "RS256", "accp", signer));
            assertThat(line(page, "| " + signer + " | ")).contains(String.format(Locale.US, "| %,.0f (%.2f, %.2f) |",
                    score, score / raw, score / opensslRsa));
        }
    }

    @Test
    void opensslSpeedSummaryRowsAreRead() {
        double rsa = 1000 + random.nextInt(5000) + 0.1;
        double ec = 10000 + random.nextInt(50000) + 0.7;

        assertThat(OpensslSpeed.rsa2048Signs(opensslRsaOutput(rsa))).hasValue(rsa);
        assertThat(OpensslSpeed.ecdsaP256Signs(opensslEcOutput(ec))).hasValue(ec);
        assertThat(OpensslSpeed.rsa2048Signs("openssl: command not found")).isEmpty();
    }

    @Test
    void missingArgumentsAreNamed() {
        assertThatThrownBy(() -> ReportMain.options(new String[] {"--jmh", "x.json"}))
                .hasMessageContaining("--markdown is required");
        assertThatThrownBy(() -> ReportMain.options(new String[] {"--bogus", "1"}))
                .hasMessageContaining("'--bogus'");
    }

    private String render() throws Exception {
        Path jmh = dir.resolve("jmh.json");
        JSON.writeValue(jmh.toFile(), rows);
        Path rsa = Files.writeString(dir.resolve("rsa.txt"), opensslRsaOutput(opensslRsa));
        Path ec = Files.writeString(dir.resolve("ec.txt"), opensslEcOutput(opensslEc));
        ReportMain.main(new String[] {"--jmh", jmh.toString(), "--markdown", dir.resolve("benchmarks.md").toString(),
            "--svg", dir.resolve("images/signing-throughput.svg").toString(), "--openssl-rsa", rsa.toString(),
            "--openssl-ec", ec.toString(), "--openssl-version", "OpenSSL 3.0.19 27 Jan 2026", "--command",
            "benchmarks/run.sh", "--load", "0.05", "--summary", dir.resolve("choosing.md").toString()});
        return Files.readString(dir.resolve("benchmarks.md"));
    }

    /** The summary lines as OpenSSL 3 prints them ({@code "rsa %4u bits %8.6fs %8.6fs %8.1f %8.1f"}). */
    private static String opensslRsaOutput(double signs) {
        return "version: 3.0.19\n                  sign    verify    sign/s verify/s\n"
                + String.format(Locale.ROOT, "rsa %4d bits %8.6fs %8.6fs %8.1f %8.1f%n", 2048, 1 / signs, 1 / 50000.0,
                signs, 50000.0);
    }

    private static String opensslEcOutput(double signs) {
        return "                              sign    verify    sign/s verify/s\n"
                + String.format(Locale.ROOT, " %4d bits ecdsa (%s) %8.4fs %8.4fs %8.1f %8.1f%n", 256, "nistp256",
                1 / signs, 1 / 15000.0, signs, 15000.0);
    }

    private void add(String benchmark, double score, Map<String, String> params, int threads, String unit) {
        ObjectNode row = rows.addObject();
        row.put("jmhVersion", "1.37").put("benchmark", "dev.lakejwt.benchmarks." + benchmark)
                .put("mode", unit.equals("us/op") ? "avgt" : "thrpt").put("threads", threads).put("forks", 1)
                .put("jdkVersion", "17.0.15").put("vmName", "OpenJDK 64-Bit Server VM").put("vmVersion", "17.0.15+6")
                .put("warmupIterations", 3).put("warmupTime", "2 s").put("measurementIterations", 5)
                .put("measurementTime", "2 s");
        ObjectNode p = row.putObject("params");
        params.forEach(p::put);
        row.putObject("primaryMetric").put("score", score).put("scoreError", score * 0.02).put("scoreUnit", unit);
        double bytes = benchmark.startsWith("TokenSource") ? 1e-4 : 5000 + random.nextInt(40000);
        row.putObject("secondaryMetrics").putObject("gc.alloc.rate.norm").put("score", bytes).put("scoreUnit", "B/op");
        scores.put(key(benchmark, params.getOrDefault("alg", ""), params.getOrDefault("provider", ""),
                params.getOrDefault("signer", "")), score);
    }

    private int rowIndex(String benchmark, String alg, String provider, String signer) {
        for (int i = 0; i < rows.size(); i++) {
            var row = rows.get(i);
            var p = row.path("params");
            if (row.path("benchmark").asText().endsWith("." + benchmark) && p.path("alg").asText("").equals(alg)
                    && p.path("provider").asText("").equals(provider) && p.path("signer").asText("").equals(signer)) {
                return i;
            }
        }
        throw new AssertionError("no row " + benchmark);
    }

    private static Map<String, String> params(String... pairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            params.put(pairs[i], pairs[i + 1]);
        }
        return params;
    }

    private static String key(String benchmark, String alg, String provider, String signer) {
        return benchmark + "/" + alg + "/" + provider + "/" + signer;
    }

    private static String line(String md, String prefix) {
        return md.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting " + prefix + " in\n" + md));
    }
}
