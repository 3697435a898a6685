package dev.lakejwt.core.token;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TokenSource} that signs the next token in the background before the current one is due,
 * so {@link #token()} never waits once warm: it returns the cached token (one volatile read, one
 * clock read, no lock, no allocation) until that token's {@code exp} minus the clock-skew allowance,
 * while a scheduler signs its successor at {@code exp - refreshMargin - random jitter}. A failed
 * background refresh leaves the current token in service, is retried with doubling backoff, and is
 * reported to the {@link TokenRefreshListener} and the log. Only the first call, a call after
 * {@link #invalidate()}, or a call once every refresh has failed until the token ran out signs on
 * the calling thread (single flight, shared with {@link CachingTokenSource}'s implementation).
 *
 * <p>Easy to get wrong: {@link #close()} it when done; it owns a scheduled refresh (and, unless you
 * supplied an executor, a daemon thread named {@code lakejwt-token-refresh-N}). After close, the cached
 * token is still served until it is due and then {@link #token()} throws {@link IllegalStateException}.
 * A supplied executor is never shut down by this class; one single-threaded scheduler can serve many
 * sources, but a slow HSM then delays the others' refreshes.
 */
public final class RefreshAheadTokenSource implements TokenSource, AutoCloseable {
    /** The jitter a refresh-ahead source uses unless set. */
    public static final Duration DEFAULT_JITTER = Duration.ofSeconds(30);
    /** The name prefix of the default scheduler's daemon thread. */
    public static final String THREAD_NAME = "lakejwt-token-refresh";
    private static final Logger LOG = LoggerFactory.getLogger(RefreshAheadTokenSource.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final TokenCache cache;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final boolean ownsExecutor;
    private final Object scheduleLock = new Object();
    /** Guarded by {@link #scheduleLock}. */
    private ScheduledFuture<?> pending;
    private long pendingDue;
    private long pendingId;
    private volatile boolean closed;

    private RefreshAheadTokenSource(Builder b) {
        this.cache = b.newCache(RefreshAheadTokenSource.class);
        this.clock = cache.clock();
        this.ownsExecutor = b.executor == null;
        this.executor = ownsExecutor ? defaultExecutor() : b.executor;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String token() {
        TokenCache.Entry current = cache.current;
        if (current != null && clock.millis() < current.usableUntil()) {
            return current.token();
        }
        return signOnCallingThread();
    }

    private String signOnCallingThread() {
        if (closed) {
            throw new IllegalStateException("this RefreshAheadTokenSource is closed");
        }
        try {
            return cache.obtain(true);
        } finally {
            schedule();
        }
    }

    /** Signs the first token now, on this thread, and starts the background schedule; returns this. */
    public RefreshAheadTokenSource warmUp() {
        token();
        return this;
    }

    private void refreshInBackground(long id) {
        try {
            cache.refreshAhead();
        } catch (RuntimeException | Error e) {
            LOG.error("The background token refresh failed unexpectedly: {}", e.getClass().getName());
        } finally {
            synchronized (scheduleLock) {
                if (pendingId == id) {
                    pending = null;
                }
            }
            schedule();
        }
    }

    /** Keeps exactly one background refresh scheduled, at the time the token cache says is next. */
    private void schedule() {
        synchronized (scheduleLock) {
            if (closed) {
                return;
            }
            long due = cache.nextDue();
            if (due < 0 || (pending != null && pendingDue == due)) {
                return;
            }
            if (pending != null) {
                pending.cancel(false);
            }
            long id = ++pendingId;
            try {
                pending = executor.schedule(() -> refreshInBackground(id), Math.max(0, due - clock.millis()),
                        TimeUnit.MILLISECONDS);
                pendingDue = due;
            } catch (RejectedExecutionException e) {
                pending = null;
                LOG.warn("The token refresh scheduler refused a task (shut down?); tokens are now signed on the "
                        + "calling thread when the current one runs out");
            }
        }
    }

    @Override
    public void invalidate() {
        cache.invalidate();
    }

    @Override
    public void invalidate(String rejectedToken) {
        cache.invalidate(rejectedToken);
    }

    /** Stops the background refresh; shuts the default scheduler down, never a supplied one. Idempotent. */
    @Override
    public void close() {
        synchronized (scheduleLock) {
            closed = true;
            if (pending != null) {
                pending.cancel(false);
                pending = null;
            }
        }
        if (ownsExecutor) {
            executor.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "RefreshAheadTokenSource[" + cache.describe() + (closed ? ", closed" : "") + "]";
    }

    private static ScheduledExecutorService defaultExecutor() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, THREAD_NAME + "-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        return executor;
    }

    /**
     * Configures a {@link RefreshAheadTokenSource}: signer, key and credentials are required; the
     * jitter defaults to {@link #DEFAULT_JITTER}.
     *
     * <p>Easy to get wrong: the executor's delays are computed from the assembler's clock at the
     * moment of scheduling, so a test can drive everything with one controllable clock and an
     * executor that runs due tasks when the test moves that clock.
     */
    public static final class Builder extends TokenSourceBuilder<Builder> {
        private ScheduledExecutorService executor;

        private Builder() {
            super(DEFAULT_JITTER);
        }

        /** Runs the background refreshes; default a daemon single-thread scheduler owned by the source. */
        public Builder executor(ScheduledExecutorService executor) {
            this.executor = executor;
            return this;
        }

        public RefreshAheadTokenSource build() {
            return new RefreshAheadTokenSource(this);
        }
    }
}
