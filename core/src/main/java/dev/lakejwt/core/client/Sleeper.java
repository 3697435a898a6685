package dev.lakejwt.core.client;

import java.time.Duration;

/**
 * How {@link LakeClient} waits between retries. The default sleeps the calling thread; a test can
 * record the requested delays instead of waiting.
 *
 * <p>Easy to get wrong: an implementation that does not wait turns bounded backoff into a tight loop
 * against a server that is asking you to slow down; use a recording sleeper only in tests.
 */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps the current thread. */
    Sleeper THREAD_SLEEP = delay -> Thread.sleep(delay.toMillis());

    void sleep(Duration delay) throws InterruptedException;
}
