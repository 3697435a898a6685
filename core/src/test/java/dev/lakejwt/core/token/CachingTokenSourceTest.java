package dev.lakejwt.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.key.TestPem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CachingTokenSourceTest {
    private static final String PAT = "pat-very-secret-0815";
    private static final LakeCredentials CREDS = new LakeCredentials("demo_user", PAT, "org-1");
    private static SigningKey key;

    private MutableClock clock;
    private CountingSigner signer;
    private ExecutorService pool;

    @BeforeAll
    static void key() throws Exception {
        key = SigningKey.of("primary", TestPem.rsa(2048).getPrivate());
    }

    @BeforeEach
    void setUp() {
        clock = new MutableClock(Instant.parse("2026-11-29T10:00:00Z"));
        signer = new CountingSigner();
        pool = Executors.newFixedThreadPool(8);
    }

    @AfterEach
    void tearDown() {
        pool.shutdownNow();
    }

    private CachingTokenSource source(Duration lifetime) {
        return CachingTokenSource.builder().signer(signer).key(key).credentials(CREDS)
                .assembler(ClaimsAssembler.builder().clock(clock).lifetime(lifetime).build())
                .build();
    }

    @Test
    void warmCacheDoesNotSignAgain() {
        CachingTokenSource source = source(Duration.ofHours(1));

        String first = source.token();
        for (int i = 0; i < 1000; i++) {
            clock.advance(Duration.ofMillis(3));
            assertThat(source.token()).isSameAs(first);
        }

        assertThat(signer.calls).hasValue(1);
    }

    @Test
    void signsAgainOnlyInsideTheRefreshMargin() {
        CachingTokenSource source = source(Duration.ofHours(1));
        String first = source.token();

        clock.advance(Duration.ofMinutes(55).minusMillis(1));
        assertThat(source.token()).isEqualTo(first);
        clock.advance(Duration.ofMillis(1));
        String second = source.token();

        assertThat(second).isNotEqualTo(first);
        assertThat(signer.calls).hasValue(2);
    }

    @Test
    void marginIsCappedAtHalfTheLifetime() {
        CachingTokenSource source = source(Duration.ofSeconds(60));
        source.token();

        clock.advance(Duration.ofSeconds(29));
        source.token();
        assertThat(signer.calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        source.token();
        assertThat(signer.calls).hasValue(2);
    }

    @Test
    void eightThreadsAtExpiryCauseExactlyOneSigning() throws Exception {
        CachingTokenSource source = source(Duration.ofHours(1));
        String old = source.token();
        clock.advance(Duration.ofMinutes(56));
        signer.delayMillis = 100;
        CyclicBarrier start = new CyclicBarrier(8);

        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return source.token();
            }));
        }
        Set<String> tokens = ConcurrentHashMap.newKeySet();
        for (Future<String> f : results) {
            tokens.add(f.get());
        }

        assertThat(signer.calls).hasValue(2);
        assertThat(tokens).hasSize(1).doesNotContain(old);
    }

    @Test
    void failedRefreshServesTheStillValidTokenAndWarnsWithoutThePat() {
        CachingTokenSource source = source(Duration.ofHours(1));
        String old = source.token();
        clock.advance(Duration.ofMinutes(56));
        signer.failing.set(true);

        String stderr = captureStderr(() -> assertThat(source.token()).isEqualTo(old));

        assertThat(stderr).contains("WARN").contains("Refreshing the Lake token for 'demo_user' (kid 'primary') failed")
                .contains("HSM unavailable").doesNotContain(PAT);
    }

    @Test
    void afterAFailureTheNextAttemptWaitsForTheRetryDelay() {
        CachingTokenSource source = source(Duration.ofHours(1));
        source.token();
        clock.advance(Duration.ofMinutes(56));
        signer.failing.set(true);
        captureStderr(source::token);
        int callsAfterFailure = signer.calls.get();

        clock.advance(Duration.ofSeconds(4));
        source.token();
        assertThat(signer.calls).hasValue(callsAfterFailure);

        signer.failing.set(false);
        clock.advance(Duration.ofSeconds(1));
        String fresh = source.token();
        assertThat(signer.calls).hasValue(callsAfterFailure + 1);
        assertThat(fresh).startsWith("h.token-" + (callsAfterFailure + 1));
    }

    @Test
    void failureOnceTheOldTokenExpiredIsThrown() {
        CachingTokenSource source = source(Duration.ofHours(1));
        source.token();
        signer.failing.set(true);
        clock.advance(Duration.ofHours(1));

        assertThatThrownBy(source::token)
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("HSM unavailable")
                .hasMessageNotContaining(PAT);
    }

    @Test
    void failureWithNoTokenYetIsThrown() {
        signer.failing.set(true);

        assertThatThrownBy(source(Duration.ofHours(1))::token).isInstanceOf(SigningException.class);
    }

    @Test
    void invalidateDropsTheCache() {
        CachingTokenSource source = source(Duration.ofHours(1));
        String first = source.token();

        source.invalidate();

        assertThat(source.token()).isNotEqualTo(first);
        assertThat(signer.calls).hasValue(2);
    }

    @Test
    void invalidateWithAStaleTokenKeepsTheNewerOne() {
        CachingTokenSource source = source(Duration.ofHours(1));
        String first = source.token();
        source.invalidate(first);
        String second = source.token();

        source.invalidate(first);

        assertThat(source.token()).isEqualTo(second);
        assertThat(signer.calls).hasValue(2);
    }

    @Test
    void aFailingRefreshServesTheOldTokenOnlyUntilExpMinusTheClockSkew() {
        CachingTokenSource source = CachingTokenSource.builder().signer(signer).key(key).credentials(CREDS)
                .assembler(ClaimsAssembler.builder().clock(clock).lifetime(Duration.ofHours(1)).build())
                .clockSkew(Duration.ofMinutes(2)).build();
        String old = source.token();
        long exp = signer.expiresAtMillis(old);
        signer.failing.set(true);

        clock.setMillis(exp - Duration.ofMinutes(2).toMillis() - 1);
        captureStderr(() -> assertThat(source.token()).isEqualTo(old));
        clock.advance(Duration.ofMillis(1));

        assertThatThrownBy(() -> captureStderr(source::token)).isInstanceOf(SigningException.class);
    }

    @Test
    void retriesBackOffByDoublingUpToTheCapAndTheListenerHearsEachAttempt() {
        RecordingListener listener = new RecordingListener();
        CachingTokenSource source = CachingTokenSource.builder().signer(signer).key(key).credentials(CREDS)
                .assembler(ClaimsAssembler.builder().clock(clock).lifetime(Duration.ofHours(1)).build())
                .retryDelay(Duration.ofSeconds(2)).maxRetryDelay(Duration.ofSeconds(10)).listener(listener).build();
        source.token();
        clock.advance(Duration.ofMinutes(56));
        signer.failing.set(true);

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int before = signer.calls.get();
            captureStderr(source::token);
            assertThat(signer.calls).hasValue(before + 1);
            long next = listener.lastFailure().nextAttemptAt().toEpochMilli();
            delays.add(next - clock.millis());
            clock.setMillis(next - 1);
            source.token();
            assertThat(signer.calls).as("no attempt before the backoff ends").hasValue(before + 1);
            clock.advance(Duration.ofMillis(1));
        }
        signer.failing.set(false);
        source.token();

        assertThat(delays).containsExactly(2_000L, 4_000L, 8_000L, 10_000L, 10_000L);
        assertThat(listener.failed).extracting(TokenRefreshListener.RefreshFailed::consecutiveFailures)
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(listener.failed).allSatisfy(f -> {
            assertThat(f.background()).isFalse();
            assertThat(f.servingUntil()).isPresent();
            assertThat(f.keyId()).isEqualTo("primary");
        });
        assertThat(listener.refreshed).hasSize(2);
        assertThat(listener.refreshed.get(1).failuresBefore()).isEqualTo(5);
    }

    @Test
    void withoutAValidTokenCallersFailFastDuringTheBackoffInsteadOfQueueingOnTheSigner() {
        CachingTokenSource source = source(Duration.ofHours(1));
        signer.failing.set(true);
        assertThatThrownBy(() -> captureStderr(source::token)).isInstanceOf(SigningException.class);

        clock.advance(Duration.ofSeconds(4));
        assertThatThrownBy(source::token)
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("signing failed 1 time(s) in a row, next attempt at 2026-11-29T10:00:05Z")
                .hasMessageNotContaining(PAT);
        assertThat(signer.calls).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        signer.failing.set(false);
        assertThat(source.token()).startsWith("h.token-2");
    }

    @Test
    void jitterMakesOnDemandRefreshesEarlierByAtMostItsBound() {
        RecordingListener listener = new RecordingListener();
        CachingTokenSource source = CachingTokenSource.builder().signer(signer).key(key).credentials(CREDS)
                .assembler(ClaimsAssembler.builder().clock(clock).lifetime(Duration.ofHours(1)).build())
                .jitter(Duration.ofSeconds(20)).listener(listener).build();
        for (int i = 0; i < 100; i++) {
            source.token();
            clock.setMillis(listener.refreshed.get(i).refreshAt().toEpochMilli());
        }

        assertThat(listener.refreshed).allSatisfy(r -> assertThat(
                Duration.between(r.refreshAt(), r.expiresAt().minus(Duration.ofMinutes(5))).toMillis())
                .isBetween(0L, 20_000L));
        assertThat(listener.refreshed.stream().map(r -> r.expiresAt().toEpochMilli() - r.refreshAt().toEpochMilli())
                .distinct().count()).isGreaterThan(50);
    }

    @Test
    void toStringHasNoSecret() {
        assertThat(source(Duration.ofHours(1)).toString()).doesNotContain(PAT).contains("demo_user");
    }

    private static String captureStderr(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
