package dev.lakejwt.benchmarks;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a token costs a signer beyond the signature itself: the same call as
 * {@link SigningBenchmark#sign} (RS256, fresh {@code iat}), but through {@link InstantSignatureProvider},
 * whose signature takes no time. The average time per call is the signer's JOSE overhead (claims,
 * JSON, Base64url, JCA look-up, allocation); {@code overhead / (raw + overhead)} is what it takes off
 * {@link BaselineBenchmark#rawSignature}, measurable without the RSA operation's run-to-run noise.
 *
 * <p>Easy to get wrong: the tokens carry a signature of zeros; nothing here verifies.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class OverheadBenchmark {
    /** The signer, by its {@code LAKE_SIGNER} name. */
    @Param({"jdk", "jjwt", "nimbus", "jose4j"})
    public String signer;

    private JwtSigner jwtSigner;
    private SigningKey key;
    private ClaimsAssembler assembler;

    /** An RSA-2048 key and the signer bound to the instant provider; checks a token comes out. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        key = SigningKey.of(Fixture.KEY_ID, Fixture.keyPair(Algorithm.RS256).getPrivate(), Algorithm.RS256);
        jwtSigner = JwtSigners.named(signer, InstantSignatureProvider.INSTANCE);
        assembler = Fixture.assembler();
        if (sign().split("\\.").length != 3) {
            throw new IllegalStateException("signer '" + signer + "' made no compact JWS");
        }
    }

    /** One token with a fresh {@code iat} and an instant signature. */
    @Benchmark
    public String sign() {
        return jwtSigner.sign(assembler.assemble(Fixture.CREDENTIALS), key);
    }
}
