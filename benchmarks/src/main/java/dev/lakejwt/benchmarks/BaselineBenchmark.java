package dev.lakejwt.benchmarks;

import dev.lakejwt.core.jdk.JcaSignatures;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
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
 * The floor under every signer: {@link Signature} alone signing a fixed, already encoded
 * {@code header.payload} of exactly a real token's length, with the same key object and provider the
 * signers get. {@link #rawSignature} makes the JCA calls every signer must make per token
 * ({@code getInstance}, {@code initSign}, {@code update}, {@code sign}); {@link #rawSignatureReused}
 * keeps one initialised {@code Signature}, which no thread-safe signer can, and shows what those
 * per-token calls cost.
 *
 * <p>Easy to get wrong: ES256 here is the DER form the JCA gives; JOSE's {@code R||S} transcoding is
 * part of the signers' work, not of the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.SECONDS)
public class BaselineBenchmark {
    /** The JWS algorithm whose JCA signature is measured. */
    @Param({"RS256", "PS256", "ES256"})
    public String alg;

    /** {@code jdk} for the JDK's default providers, {@code accp} for Amazon Corretto Crypto Provider. */
    @Param({"jdk", "accp"})
    public String provider;

    private Fixture fixture;
    private PrivateKey privateKey;
    private Provider jca;
    private byte[] signingInput;
    private Signature reused;

    /** Takes the signing input from a real {@code jdk} token for the same key, and checks both methods sign. */
    @Setup
    public void setUp() throws GeneralSecurityException {
        fixture = Fixture.of(alg, provider);
        privateKey = fixture.key.privateKey();
        jca = fixture.provider;
        String token = fixture.signer("jdk").sign(Fixture.assembler().assemble(Fixture.CREDENTIALS), fixture.key);
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        reused = JcaSignatures.newSignature(fixture.algorithm, jca);
        reused.initSign(privateKey);
        Signature check = JcaSignatures.newSignature(fixture.algorithm, null);
        check.initVerify(fixture.pair.getPublic());
        check.update(signingInput);
        if (!check.verify(rawSignature()) || rawSignatureReused().length == 0) {
            throw new IllegalStateException("the raw " + alg + " signature does not verify");
        }
    }

    /** One signature as a signer makes it: a new {@code Signature} initialised with the key. */
    @Benchmark
    public byte[] rawSignature() throws GeneralSecurityException {
        Signature signature = JcaSignatures.newSignature(fixture.algorithm, jca);
        signature.initSign(privateKey);
        signature.update(signingInput);
        return signature.sign();
    }

    /** One signature on a {@code Signature} initialised once (the JCA resets it after each {@code sign}). */
    @Benchmark
    public byte[] rawSignatureReused() throws GeneralSecurityException {
        reused.update(signingInput);
        return reused.sign();
    }
}
