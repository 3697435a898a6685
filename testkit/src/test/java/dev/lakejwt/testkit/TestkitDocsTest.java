package dev.lakejwt.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.testkit.standalone.FakeLakeMain;
import dev.lakejwt.testkit.verify.RejectionReason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/testkit.md stays true: its rejection table lists exactly the {@link RejectionReason}s, with
 * their descriptions and the number of cases {@link TokenRejectionTest} sends; its shell and Python
 * examples run against the standalone server.
 */
class TestkitDocsTest {
    static final Path DOC = Path.of(System.getProperty("lakejwt.root", ".."), "docs", "testkit.md");
    private static final Pattern ROW = Pattern.compile("^\\| `([A-Z_]+)` \\| (.+) \\| (\\d+) \\|$");

    @TempDir
    Path dir;

    private static String doc() throws IOException {
        return Files.readString(DOC);
    }

    @Test
    void theRejectionTableListsExactlyTheReasonsWithTheirDescriptionsAndCaseCounts() throws IOException {
        String doc = doc();
        String table = doc.substring(doc.indexOf("<!-- rejection-table:begin -->"), doc.indexOf("<!-- rejection-table:end -->"));
        List<String> names = new ArrayList<>();
        for (String line : table.lines().toList()) {
            Matcher m = ROW.matcher(line);
            if (!m.matches()) {
                continue;
            }
            RejectionReason reason = RejectionReason.valueOf(m.group(1));
            names.add(reason.name());
            assertThat(m.group(2)).as("description of %s", reason).isEqualTo(reason.description());
            long cases = RejectionCases.ALL.stream().filter(c -> c.reason() == reason).count();
            assertThat(Integer.parseInt(m.group(3))).as("cases tested for %s", reason).isEqualTo(cases);
        }

        assertThat(names).containsExactlyElementsOf(Arrays.stream(RejectionReason.values()).map(Enum::name).toList());
        assertThat(doc).contains("sends " + RejectionCases.ACCEPTED.size() + " near misses");
    }

    @Test
    void theShellExampleGets200FromTheStandaloneServer() throws Exception {
        requireTools("bash", "openssl", "curl");
        String output = runExample("sh", List.of("bash", "-c", "set -euo pipefail\n" + example("sh")));

        assertThat(output).contains("\"InfoKey\":\"RELEASE\"");
    }

    @Test
    void thePythonExampleGets200FromTheStandaloneServer() throws Exception {
        requireTools("python3");
        Process probe = new ProcessBuilder("python3", "-c", "import cryptography").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "python3 has no 'cryptography' module; skipping the Python example");

        String output = runExample("python", List.of("python3", "-c", example("python")));

        assertThat(output).contains("\"InfoKey\":\"RELEASE\"");
    }

    /** The code block that follows {@code <!-- example:NAME -->}. */
    private static String example(String name) throws IOException {
        String doc = doc();
        int marker = doc.indexOf("<!-- example:" + name + " -->");
        assertThat(marker).as("docs/testkit.md has the %s example", name).isNotNegative();
        int start = doc.indexOf('\n', doc.indexOf("```", marker)) + 1;
        return doc.substring(start, doc.indexOf("```", start));
    }

    private String runExample(String name, List<String> command) throws Exception {
        ByteArrayOutputStream banner = new ByteArrayOutputStream();
        try (FakeLakeMain.Running fake = FakeLakeMain.start(new String[] {"--out", dir.toString()},
                new PrintStream(banner, true, StandardCharsets.UTF_8))) {
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            pb.environment().putAll(lakeEnv(dir.resolve("lake.env")));
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as("the %s example failed: %s", name, output).isZero();
            assertThat(fake.lake().journal().last().verdict().accepted()).as("%s", fake.lake().journal().last()).isTrue();
            return output;
        }
    }

    private static Map<String, String> lakeEnv(Path file) throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String kv = line.substring("export ".length());
            env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        return env;
    }

    private static void requireTools(String... tools) {
        for (String tool : tools) {
            boolean found = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                    .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, tool)));
            Assumptions.assumeTrue(found, tool + " is not on the PATH; skipping the example that needs it");
        }
    }
}
