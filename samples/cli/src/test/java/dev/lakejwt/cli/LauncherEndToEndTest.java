package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Runs the real {@code ./lakejwt} launcher, as a user would, after {@code package}: it must find the jar this
 * build made (so it starts no Maven build of its own) and pass on the CLI's output and exit codes. Only the
 * POM's {@code launcher-end-to-end} execution (phase integration-test) enables it.
 */
@EnabledIfSystemProperty(named = "lakejwt.launcher.test", matches = "true")
class LauncherEndToEndTest {
    private static final Path ROOT = Path.of(System.getProperty("lakejwt.root", "../..")).toAbsolutePath().normalize();

    @Test
    void theLauncherRunsTheDemoAndPassesOnTheCliExitCode() throws Exception {
        assertThat(ROOT.resolve("lakejwt")).isExecutable();

        Run demo = launch("demo");
        Run badSigner = launch("token", "--signer", "no-such-signer");

        assertThat(demo.exitCode).as(demo.err).isZero();
        assertThat(demo.out).startsWith("fake Lake at http://127.0.0.1:").contains("ACCEPTED")
                .contains("verdict: EXPIRED").contains("ok: every signer's token was accepted");
        assertThat(demo.err).as("the jar is fresh, so the launcher must not build").isEmpty();
        assertThat(badSigner.exitCode).isEqualTo(2);
        assertThat(badSigner.err.lines().toList()).singleElement().asString()
                .startsWith("lakejwt token: unknown signer 'no-such-signer'");
    }

    private static Run launch(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(ROOT.resolve("lakejwt").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("lakejwt-out", ".txt");
        Path err = Files.createTempFile("lakejwt-err", ".txt");
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("LAKE"));
            builder.environment().putAll(java.util.Map.of("LAKE_USER", "u", "LAKE_PAT", "p", "LAKE_ORG_ID", "o"));
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("./lakejwt " + String.join(" ", args) + " did not finish in 120 s");
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private record Run(int exitCode, String out, String err) {
    }
}
