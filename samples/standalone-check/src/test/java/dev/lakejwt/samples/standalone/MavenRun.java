package dev.lakejwt.samples.standalone;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of the same Maven that runs this build ({@code maven.home}), in its own process with a
 * controlled environment: no inherited {@code LAKE_*} variable, this JVM's Java, no {@code ~/.mavenrc}.
 *
 * @param exitCode Maven's exit code, or -1 when it was stopped at the time limit
 * @param output everything Maven printed, standard output and error interleaved
 * @param took how long it ran
 */
record MavenRun(int exitCode, String output, Duration took) {

    static MavenRun run(Path directory, List<String> arguments, Map<String, String> lakeEnvironment, Path log,
            Duration limit) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(mavenExecutable());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("LAKE_"));
        env.putAll(lakeEnvironment);
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("MAVEN_SKIP_RC", "true");
        // A short-lived build: the JIT's top tier never pays off.
        env.put("MAVEN_OPTS", "-XX:TieredStopAtLevel=1");

        long start = System.nanoTime();
        Process process = builder.start();
        boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new MavenRun(finished ? process.exitValue() : -1, Files.readString(log), took);
    }

    /** The last {@code lines} lines of the output, to explain a failure. */
    String tail(int lines) {
        List<String> all = output.lines().toList();
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    private static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        boolean windows = System.getProperty("os.name").startsWith("Windows");
        if (home == null || home.isBlank()) {
            return windows ? "mvn.cmd" : "mvn";
        }
        return Path.of(home, "bin", windows ? "mvn.cmd" : "mvn").toString();
    }
}
