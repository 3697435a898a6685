package dev.lakejwt.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefreshTimingTest {
    private static final long HOUR = 3_600_000;

    private static RefreshTiming timing(long marginS, long skewS, long jitterS) {
        return new RefreshTiming(Duration.ofSeconds(marginS), Duration.ofSeconds(skewS), Duration.ofSeconds(jitterS),
                Duration.ofSeconds(5), Duration.ofMinutes(1));
    }

    @Test
    void anHourTokenIsRefreshedAtTheMarginAndServedUntilExpMinusSkew() {
        TokenCache.Entry e = timing(300, 30, 0).entry("t", 0, HOUR);

        assertThat(e.refreshAt()).isEqualTo(HOUR - 300_000);
        assertThat(e.usableUntil()).isEqualTo(HOUR - 30_000);
    }

    @Test
    void aShortTokenCapsTheMarginAtHalfItsLifeAndTheSkewBelowThat() {
        TokenCache.Entry e = timing(300, 30, 30).entry("t", 0, 60_000);

        assertThat(e.refreshAt()).as("margin 30 s, jitter at most (60-30)/2 s").isBetween(15_000L, 30_000L);
        assertThat(e.usableUntil()).as("skew halved to 15 s because it reached the capped margin").isEqualTo(45_000);
        assertThat(e.usableUntil()).isGreaterThan(e.refreshAt());
    }

    @Test
    void anExplicitSkewBelowTheMarginIsKept() {
        assertThat(timing(40, 30, 0).entry("t", 0, HOUR).usableUntil()).isEqualTo(HOUR - 30_000);
    }

    @Test
    void backoffDoublesFromTheRetryDelayUpToItsCap() {
        RefreshTiming t = timing(300, 30, 0);

        assertThat(new long[] {t.backoffMillis(1), t.backoffMillis(2), t.backoffMillis(3), t.backoffMillis(4),
                t.backoffMillis(5), t.backoffMillis(1_000)})
                .containsExactly(5_000, 10_000, 20_000, 40_000, 60_000, 60_000);
    }

    @Test
    void impossibleSettingsAreRefused() {
        assertThatThrownBy(() -> timing(10, 20, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clockSkew (PT20S) must not exceed refreshMargin (PT10S)");
        assertThatThrownBy(() -> new RefreshTiming(Duration.ofMinutes(5), Duration.ZERO, Duration.ZERO,
                Duration.ofMinutes(2), Duration.ofMinutes(1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetryDelay");
    }
}
