package dev.lakejwt.benchmarks;

import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JwtSigner;
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
 * A complete Lake token per call, as a service signing per request would make it: the claims are
 * assembled with the current {@code iat}, then the signer under test serialises, signs and encodes
 * them. Throughput in tokens per second, per signer × algorithm × JCA provider; compare with
 * {@link BaselineBenchmark#rawSignature} for the same algorithm and provider.
 *
 * <p>Easy to get wrong: with {@code provider=accp} the key is converted once into the provider's own
 * key object (as {@code LAKE_JCA_PROVIDER=accp} does); handing ACCP a JDK key would measure its
 * per-call key conversion instead, about a third of its speed. The setup checks both that and the
 * token's signature before anything is timed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.SECONDS)
public class SigningBenchmark {
    /** The signer, by its {@code LAKE_SIGNER} name. */
    @Param({"jdk", "jjwt", "nimbus", "jose4j"})
    public String signer;

    /** The JWS algorithm: RS256 and PS256 with RSA-2048, ES256 with P-256. */
    @Param({"RS256", "PS256", "ES256"})
    public String alg;

    /** {@code jdk} for the JDK's default providers, {@code accp} for Amazon Corretto Crypto Provider. */
    @Param({"jdk", "accp"})
    public String provider;

    private JwtSigner jwtSigner;
    private SigningKey key;
    private ClaimsAssembler assembler;
    private LakeCredentials credentials;

    /** Builds the key, signer and claim policy, and proves a token made with them verifies. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        Fixture fixture = Fixture.of(alg, provider);
        jwtSigner = fixture.signer(signer);
        key = fixture.key;
        assembler = Fixture.assembler();
        credentials = Fixture.CREDENTIALS;
        fixture.requireValid(sign());
    }

    /** One token with a fresh {@code iat}. */
    @Benchmark
    public String sign() {
        return jwtSigner.sign(assembler.assemble(credentials), key);
    }
}
