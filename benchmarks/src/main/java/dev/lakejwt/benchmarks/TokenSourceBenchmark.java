package dev.lakejwt.benchmarks;

import dev.lakejwt.core.token.CachingTokenSource;
import dev.lakejwt.core.token.RefreshAheadTokenSource;
import dev.lakejwt.core.token.TokenSource;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link TokenSource#token()} on a warm cache, from one thread and from two: what every Lake request
 * pays for its bearer token between refreshes. The token is signed once in the setup (1 h lifetime,
 * 5 min margin), so the measurement never crosses a refresh; run it with {@code -prof gc} to see that
 * the path allocates nothing.
 *
 * <p>Easy to get wrong: the two-thread score is the total of both threads, not per thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.SECONDS)
public class TokenSourceBenchmark {
    /** {@code caching} for {@link CachingTokenSource}, {@code refreshAhead} for {@link RefreshAheadTokenSource}. */
    @Param({"caching", "refreshAhead"})
    public String source;

    private TokenSource tokens;

    /** Builds the source with the {@code jdk} signer and an RS256 key, and signs its first token. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        Fixture fixture = Fixture.of("RS256", Fixture.JDK);
        tokens = switch (source) {
            case "caching" -> CachingTokenSource.builder().signer(fixture.signer("jdk")).key(fixture.key)
                    .credentials(Fixture.CREDENTIALS).build();
            case "refreshAhead" -> RefreshAheadTokenSource.builder().signer(fixture.signer("jdk")).key(fixture.key)
                    .credentials(Fixture.CREDENTIALS).build().warmUp();
            default -> throw new IllegalArgumentException("source is caching or refreshAhead, not " + source);
        };
        fixture.requireValid(tokens.token());
    }

    /** Stops the refresh-ahead source's scheduler. */
    @TearDown
    public void tearDown() {
        if (tokens instanceof RefreshAheadTokenSource refreshAhead) {
            refreshAhead.close();
        }
    }

    /** The cached token, one caller. */
    @Benchmark
    @Threads(1)
    public String token() {
        return tokens.token();
    }

    /** The cached token, two callers at once (the score is their total). */
    @Benchmark
    @Threads(2)
    public String tokenTwoThreads() {
        return tokens.token();
    }
}
