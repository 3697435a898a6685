package dev.lakejwt.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's {@code chromium}, driven headless as a subprocess with a fresh profile: no download at
 * test time. Absent, a test skips, unless {@code LAKEJWT_REQUIRE_BROWSER=1} (set by {@code .ci/run})
 * makes it fail, so CI can never skip the browser test silently.
 */
final class HeadlessChromium {
    static final String REQUIRE = "LAKEJWT_REQUIRE_BROWSER";
    private static final List<String> NAMES = List.of("chromium", "chromium-browser", "google-chrome");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--hide-scrollbars");

    private final Path executable;

    private HeadlessChromium(Path executable) {
        this.executable = executable;
    }

    /** The browser, or an aborted (skipped) test, or a failure when the environment requires it. */
    static HeadlessChromium require() {
        Optional<Path> found = find();
        if (found.isEmpty()) {
            String message = "chromium is not installed (Debian: apt-get install -y chromium)";
            if ("1".equals(System.getenv(REQUIRE))) {
                throw new AssertionError(message + "; " + REQUIRE + "=1 forbids skipping the browser test");
            }
            Assumptions.abort(message + "; skipping the browser test (set " + REQUIRE + "=1 to fail instead)");
        }
        return new HeadlessChromium(found.get());
    }

    static Optional<Path> find() {
        String override = System.getenv("LAKEJWT_CHROMIUM");
        if (override != null && !override.isBlank()) {
            return Optional.of(Path.of(override)).filter(Files::isExecutable);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : NAMES) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (!dir.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** The DOM after the page loaded, as Chromium serialises it. */
    String dumpDom(URI url) {
        return run(List.of("--dump-dom", url.toString()));
    }

    /** A PNG screenshot of the page at the given window size. */
    void screenshot(URI url, Path png, int width, int height) {
        run(List.of("--window-size=" + width + "," + height, "--screenshot=" + png.toAbsolutePath(), url.toString()));
        if (!Files.isRegularFile(png)) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    private String run(List<String> args) {
        Path profile = null;
        try {
            profile = Files.createTempDirectory("lakejwt-chromium-");
            List<String> command = new ArrayList<>();
            command.add(executable.toString());
            command.addAll(FLAGS);
            command.add("--user-data-dir=" + profile);
            command.addAll(args);
            Path stderr = profile.resolveSibling(profile.getFileName() + ".log");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("chromium did not finish within 90 s");
            }
            String log = Files.readString(stderr);
            Files.deleteIfExists(stderr);
            if (process.exitValue() != 0) {
                throw new AssertionError("chromium exited " + process.exitValue() + ": " + log);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            delete(profile);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless.
        }
    }
}
