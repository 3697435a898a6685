package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code lakejwt} as a user would, through its picocli entry point, with a given environment. */
final class Cli {
    private Cli() {
    }

    static Result run(Map<String, String> environment, String... args) {
        return run(environment, new ByteArrayInputStream(new byte[0]), args);
    }

    static Result runWithInput(Map<String, String> environment, String stdin, String... args) {
        return run(environment, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), args);
    }

    static Result run(Map<String, String> environment, InputStream stdin, String... args) {
        CommandLine commandLine = LakeJwtCli.commandLine(environment, stdin);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    /**
     * What one run printed and returned.
     *
     * @param exitCode the exit code
     * @param out      stdout
     * @param err      stderr
     */
    record Result(int exitCode, String out, String err) {
        /**
         * Asserts the run failed with {@code exitCode}, printed nothing on stdout and exactly one line on
         * stderr, with no compact JWS in it; returns that line.
         */
        String failedWith(int expectedExitCode) {
            assertThat(exitCode).as("exit code; stderr: %s", err).isEqualTo(expectedExitCode);
            assertThat(out).as("stdout").isEmpty();
            assertThat(err.lines().toList()).as("stderr is one line").hasSize(1);
            assertThat(err).as("no token in an error").doesNotContainPattern("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.");
            return err.strip();
        }

        /** Asserts neither stdout nor stderr contains any of {@code secrets}. */
        Result showsNone(String... secrets) {
            for (String secret : secrets) {
                assertThat(out).as("stdout").doesNotContain(secret);
                assertThat(err).as("stderr").doesNotContain(secret);
            }
            return this;
        }

        Result succeeded() {
            assertThat(exitCode).as("exit code; stderr: %s", err).isZero();
            return this;
        }
    }
}
