package dev.lakejwt.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.key.TestPem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Background refresh driven by a controllable clock and a scheduler that runs tasks when the test says. */
class RefreshAheadTokenSourceTest {
    private static final String PAT = "pat-very-secret-0815";
    private static final LakeCredentials CREDS = new LakeCredentials("demo_user", PAT, "org-1");
    private static final Duration MARGIN = Duration.ofMinutes(5);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static SigningKey key;

    private MutableClock clock;
    private ManualScheduler scheduler;
    private CountingSigner signer;
    private RecordingListener listener;

    @BeforeAll
    static void key() throws Exception {
        key = SigningKey.of("primary", TestPem.rsa(2048).getPrivate());
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        scheduler = new ManualScheduler(clock);
        signer = new CountingSigner();
        listener = new RecordingListener();
    }

    private RefreshAheadTokenSource.Builder builder() {
        return RefreshAheadTokenSource.builder().signer(signer).key(key).credentials(CREDS)
                .assembler(ClaimsAssembler.builder().clock(clock).lifetime(Duration.ofHours(1)).build())
                .refreshMargin(MARGIN).clockSkew(SKEW).jitter(Duration.ZERO).listener(listener).executor(scheduler);
    }

    private long only(List<Long> dueTimes) {
        assertThat(dueTimes).as("exactly one background refresh is scheduled").hasSize(1);
        return dueTimes.get(0);
    }

    @Test
    void theFirstCallSignsAndTheNextTokenIsSignedInTheBackgroundAtTheRefreshTime() {
        try (RefreshAheadTokenSource source = builder().build()) {
            String first = source.token();
            long exp = signer.expiresAtMillis(first);
            assertThat(only(scheduler.pendingDueTimes())).isEqualTo(exp - MARGIN.toMillis());

            clock.setMillis(exp - MARGIN.toMillis() - 1);
            assertThat(scheduler.runDue()).isZero();
            assertThat(source.token()).isEqualTo(first);

            clock.advance(Duration.ofMillis(1));
            assertThat(scheduler.runDue()).isEqualTo(1);
            assertThat(signer.calls).hasValue(2);
            String second = source.token();

            assertThat(second).isNotEqualTo(first);
            assertThat(signer.calls).as("the caller got the background's token without signing").hasValue(2);
            assertThat(only(scheduler.pendingDueTimes())).isEqualTo(signer.expiresAtMillis(second) - MARGIN.toMillis());
            assertThat(listener.refreshed).extracting(TokenRefreshListener.Refreshed::background)
                    .containsExactly(false, true);
        }
    }

    @Test
    void noCallerWaitsAcrossTenExpiriesWithEightThreadsCallingContinuously() throws Exception {
        RefreshAheadTokenSource source = builder().build();
        source.token();
        Thread driver = Thread.currentThread();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong callerCalls = new AtomicLong();
        AtomicLong staleTokens = new AtomicLong();
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        AtomicBoolean callersStalledDuringSigning = new AtomicBoolean();
        // While the background signs, callers must keep getting tokens: the signing waits for 2,000 more calls.
        signer.duringSign = () -> {
            if (Thread.currentThread() == driver) {
                awaitCalls(callerCalls, callerCalls.get() + 2_000, callersStalledDuringSigning);
            }
        };
        List<Thread> callers = new ArrayList<>();
        long[] perThread = new long[8];
        CountDownLatch allCalling = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            int index = i;
            Thread caller = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long before = clock.millis();
                        String token = source.token();
                        if (signer.expiresAtMillis(token) - SKEW.toMillis() <= before) {
                            staleTokens.incrementAndGet();
                        }
                        if (perThread[index]++ == 0) {
                            allCalling.countDown();
                        }
                        callerCalls.incrementAndGet();
                    }
                } catch (Throwable t) {
                    errors.add(t);
                }
            }, "caller-" + i);
            callers.add(caller);
            caller.start();
        }

        assertThat(allCalling.await(10, TimeUnit.SECONDS)).as("all eight callers are running").isTrue();
        for (int expiry = 1; expiry <= 10; expiry++) {
            String current = source.token();
            clock.setMillis(only(scheduler.pendingDueTimes()));
            assertThat(scheduler.runDue()).isEqualTo(1);
            assertThat(signer.calls).as("one signing per refresh").hasValue(expiry + 1);
            clock.setMillis(signer.expiresAtMillis(current) + 1_000);
            awaitCalls(callerCalls, callerCalls.get() + 1_000, callersStalledDuringSigning);
        }
        stop.set(true);
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        source.close();

        assertThat(errors).isEmpty();
        assertThat(callersStalledDuringSigning).as("callers kept being served while the background signed").isFalse();
        assertThat(staleTokens).as("no caller got a token past exp minus skew").hasValue(0);
        assertThat(signer.calls).as("the first token plus exactly one signing per expiry").hasValue(11);
        assertThat(signer.threads).as("no caller thread ever signed").containsExactly(driver);
        assertThat(java.util.Arrays.stream(perThread).min().orElseThrow()).as("every caller was served").isPositive();
    }

    private static void awaitCalls(AtomicLong calls, long target, AtomicBoolean stalled) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (calls.get() < target && !stalled.get()) {
            if (System.nanoTime() > deadline) {
                stalled.set(true);
                return;
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void aFailingRefreshServesTheOldTokenUntilExpMinusSkewWithBackoffThenFailsAndRecovers() {
        RefreshAheadTokenSource source = builder().build();
        String old = source.token();
        long usableUntil = signer.expiresAtMillis(old) - SKEW.toMillis();
        signer.failing.set(true);

        List<Long> delays = new ArrayList<>();
        long due = only(scheduler.pendingDueTimes());
        while (due < usableUntil) {
            clock.setMillis(due);
            assertThat(scheduler.runDue()).isEqualTo(1);
            TokenRefreshListener.RefreshFailed failure = listener.lastFailure();
            assertThat(failure.servingUntil()).contains(Instant.ofEpochMilli(usableUntil));
            assertThat(failure.background()).isTrue();
            assertThat(failure.error().getMessage()).contains("HSM unavailable").doesNotContain(PAT);
            int signings = signer.calls.get();
            assertThat(source.token()).as("the old token is still served").isEqualTo(old);
            assertThat(signer.calls).as("without the caller signing").hasValue(signings);
            long next = only(scheduler.pendingDueTimes());
            assertThat(failure.nextAttemptAt()).isEqualTo(Instant.ofEpochMilli(next));
            delays.add(next - due);
            due = next;
        }
        assertThat(delays.subList(0, 6)).containsExactly(5_000L, 10_000L, 20_000L, 40_000L, 60_000L, 60_000L);
        assertThat(due).as("the last retry falls exactly when the old token stops being served").isEqualTo(usableUntil);
        clock.setMillis(usableUntil - 1);
        assertThat(source.token()).isEqualTo(old);

        clock.setMillis(usableUntil);
        scheduler.runDue();
        assertThat(listener.lastFailure().servingUntil()).isEmpty();
        int signings = signer.calls.get();
        assertThatThrownBy(source::token)
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("no valid Lake token for 'demo_user'")
                .hasMessageContaining("HSM unavailable")
                .hasMessageNotContaining(PAT);
        assertThat(signer.calls).as("within the backoff a caller fails fast, without signing").hasValue(signings);

        signer.failing.set(false);
        clock.setMillis(only(scheduler.pendingDueTimes()));
        scheduler.runDue();
        String fresh = source.token();
        assertThat(fresh).isNotEqualTo(old);
        TokenRefreshListener.Refreshed recovered = listener.refreshed.get(listener.refreshed.size() - 1);
        assertThat(recovered.failuresBefore()).isEqualTo(listener.failed.size());
        assertThat(recovered.background()).isTrue();
        source.close();
    }

    @Test
    void aFailedFirstSigningIsRetriedInTheBackgroundSoTheNextCallerFindsAToken() {
        RefreshAheadTokenSource source = builder().build();
        signer.failing.set(true);
        assertThatThrownBy(source::token).isInstanceOf(SigningException.class).hasMessageContaining("HSM unavailable");
        assertThat(listener.lastFailure().servingUntil()).isEmpty();

        signer.failing.set(false);
        clock.setMillis(only(scheduler.pendingDueTimes()));
        assertThat(scheduler.runDue()).isEqualTo(1);
        int signings = signer.calls.get();

        assertThat(source.token()).startsWith("h.token-2");
        assertThat(signer.calls).as("the background already signed it").hasValue(signings);
        source.close();
    }

    @Test
    void warmUpSignsTheFirstTokenAndStartsTheSchedule() {
        try (RefreshAheadTokenSource source = builder().build()) {
            assertThat(source.warmUp()).isSameAs(source);

            assertThat(signer.calls).hasValue(1);
            assertThat(scheduler.pendingDueTimes()).hasSize(1);
        }
    }

    @Test
    void jitterMovesEachRefreshEarlierByAtMostItsBound() {
        Duration jitter = Duration.ofSeconds(30);
        RefreshAheadTokenSource source = builder().jitter(jitter).build();
        Set<Long> offsets = new TreeSet<>();
        String token = source.token();
        for (int i = 0; i < 300; i++) {
            long due = only(scheduler.pendingDueTimes());
            long offset = signer.expiresAtMillis(token) - MARGIN.toMillis() - due;
            assertThat(offset).isBetween(0L, jitter.toMillis());
            offsets.add(offset);
            clock.setMillis(due);
            scheduler.runDue();
            token = source.token();
        }
        source.close();

        assertThat(offsets).as("offsets spread over the range").hasSizeGreaterThan(200);
        assertThat(offsets.stream().mapToLong(Long::longValue).max().orElseThrow()).isGreaterThan(25_000);
        assertThat(offsets.stream().mapToLong(Long::longValue).min().orElseThrow()).isLessThan(5_000);
    }

    @Test
    void invalidateMakesTheNextCallSignAndKeepsOneScheduledRefresh() {
        try (RefreshAheadTokenSource source = builder().build()) {
            String first = source.token();
            clock.advance(Duration.ofMinutes(10));

            source.invalidate(first);
            String second = source.token();

            assertThat(second).isNotEqualTo(first);
            assertThat(only(scheduler.pendingDueTimes())).isEqualTo(signer.expiresAtMillis(second) - MARGIN.toMillis());
        }
    }

    @Test
    void closeStopsTheRefreshLeavesASuppliedExecutorRunningAndFailsOnceTheTokenIsDue() {
        RefreshAheadTokenSource source = builder().build();
        String token = source.token();

        source.close();
        source.close();

        assertThat(scheduler.pendingDueTimes()).isEmpty();
        assertThat(scheduler.isShutdown()).isFalse();
        clock.setMillis(signer.expiresAtMillis(token) - SKEW.toMillis() - 1);
        assertThat(scheduler.runDue()).isZero();
        assertThat(source.token()).isEqualTo(token);
        clock.advance(Duration.ofMillis(1));
        assertThatThrownBy(source::token).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(source.toString()).contains("closed");
    }

    @Test
    void aListenerThatThrowsDoesNotStopTheRefresh() {
        RefreshAheadTokenSource source = builder().listener(new TokenRefreshListener() {
            @Override
            public void onRefreshed(Refreshed event) {
                throw new IllegalStateException("metrics backend down");
            }
        }).build();
        String first = source.token();

        clock.setMillis(only(scheduler.pendingDueTimes()));
        scheduler.runDue();

        assertThat(source.token()).isNotEqualTo(first);
        assertThat(scheduler.pendingDueTimes()).hasSize(1);
        source.close();
    }

    @Test
    void aShutDownExecutorDegradesToSigningOnTheCaller() {
        RefreshAheadTokenSource source = builder().build();
        String first = source.token();
        scheduler.shutdownNow();
        clock.setMillis(only(scheduler.pendingDueTimes()));
        scheduler.runDue();
        String second = source.token();
        clock.setMillis(signer.expiresAtMillis(second) - SKEW.toMillis());

        String third = source.token();

        assertThat(List.of(first, second, third)).doesNotHaveDuplicates();
        source.close();
    }

    @Test
    void theSkewMayNotExceedTheMargin() {
        assertThatThrownBy(() -> builder().refreshMargin(Duration.ofSeconds(10)).clockSkew(Duration.ofSeconds(11)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clockSkew");
        assertThatThrownBy(() -> builder().jitter(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jitter");
    }

    @Test
    void toStringShowsTheSettingsButNoSecret() {
        try (RefreshAheadTokenSource source = builder().build()) {
            source.token();
            assertThat(source.toString()).contains("demo_user", "kid=primary", "clockSkew=PT30S")
                    .doesNotContain(PAT).doesNotContain("h.token");
        }
    }

    @Test
    void theDefaultSchedulerIsADaemonThreadThatRefreshesInRealTime() throws Exception {
        CountDownLatch refreshed = new CountDownLatch(1);
        AtomicReference<Thread> refreshThread = new AtomicReference<>();
        Set<Boolean> backgroundFlags = ConcurrentHashMap.newKeySet();
        RefreshAheadTokenSource source = RefreshAheadTokenSource.builder().signer(signer).key(key).credentials(CREDS)
                .assembler(ClaimsAssembler.builder().clock(Clock.systemUTC()).lifetime(Duration.ofSeconds(2)).build())
                .listener(new TokenRefreshListener() {
                    @Override
                    public void onRefreshed(Refreshed event) {
                        backgroundFlags.add(event.background());
                        if (event.background()) {
                            refreshThread.set(Thread.currentThread());
                            refreshed.countDown();
                        }
                    }
                }).build();
        try {
            String first = source.token();

            assertThat(refreshed.await(5, TimeUnit.SECONDS)).as("refreshed in the background within 5 s").isTrue();
            assertThat(refreshThread.get().getName()).startsWith(RefreshAheadTokenSource.THREAD_NAME);
            assertThat(refreshThread.get().isDaemon()).isTrue();
            assertThat(source.token()).isNotEqualTo(first);
            assertThat(backgroundFlags).containsExactlyInAnyOrder(false, true);
        } finally {
            source.close();
        }
        refreshThread.get().join(5_000);
        assertThat(refreshThread.get().isAlive()).as("close shuts the owned scheduler down").isFalse();
    }
}
