package dev.lakejwt.testkit.standalone;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@link FakeLakeMain#run} on a thread as a user would, and stops it with an interrupt. */
final class StandaloneRun implements AutoCloseable {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);
    private final Thread thread;

    StandaloneRun(String... args) {
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> exit.set(FakeLakeMain.run(args, o, e)), "standalone-under-test");
        thread.start();
    }

    /** Waits for "listening on URL" and returns the URL. */
    URI awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            for (String line : out().lines().toList()) {
                if (line.startsWith("listening on ")) {
                    return URI.create(line.substring("listening on ".length()).trim());
                }
            }
            if (!thread.isAlive()) {
                throw new AssertionError("the standalone fake exited " + exit.get() + ": " + err());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no 'listening on' line within 60 s: " + out());
    }

    /** Waits for the program to end by itself and returns its exit code. */
    int awaitExit() throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(60));
        return exit.get();
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
