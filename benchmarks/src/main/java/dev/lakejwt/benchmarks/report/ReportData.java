package dev.lakejwt.benchmarks.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Everything a report shows, with the ratios worked out once for the table and the chart: the JMH
 * run, the {@code openssl speed} references, the machine, the versions and the command that
 * produced it.
 *
 * <p>Easy to get wrong: a ratio compares rows of the <em>same</em> algorithm and provider (a signer's
 * tokens/s over {@code rawSignature}'s); PS256 is compared with {@code openssl speed rsa2048}, which
 * signs PKCS#1 v1.5, because openssl's speed tool has no PSS row (the RSA private-key operation
 * dominates both).
 *
 * @param run        the JMH run
 * @param opensslRsa {@code openssl speed rsa2048} sign/s, if it ran
 * @param opensslEc  {@code openssl speed ecdsap256} sign/s, if it ran
 * @param machine    where it ran
 * @param versions   library name to version, in display order
 * @param command    the command that produced the run, as the user typed it
 * @param jmhCommand the JMH command line the script ran
 * @param date       when it ran (ISO-8601)
 */
public record ReportData(JmhRun run, OptionalDouble opensslRsa, OptionalDouble opensslEc, Machine machine,
                         Map<String, String> versions, String command, String jmhCommand, String date) {
    /** The signers in the order the report lists them. */
    public static final List<String> SIGNERS = List.of("jdk", "jjwt", "nimbus", "jose4j");
    /** The algorithms in report order. */
    public static final List<String> ALGORITHMS = List.of("RS256", "PS256", "ES256");
    /** The providers in report order. */
    public static final List<String> PROVIDERS = List.of("jdk", "accp");
    /** What {@code token()} must reach per second on one thread. */
    public static final double TOKEN_SOURCE_TARGET = 20_000_000;
    /** The least fraction of {@code rawSignature} a signer must keep. */
    public static final double RAW_TARGET = 0.95;
    /** The least fraction of {@code openssl speed} a signer must reach with {@code accp}. */
    public static final double OPENSSL_TARGET = 0.90;

    /**
     * Where the numbers were measured.
     *
     * <p>Easy to get wrong: {@code load} is the script's description (load before and during the run,
     * CPU steal); the benchmark itself keeps about one core busy, so a load near 1 during it is quiet.
     *
     * @param cpu   CPU model name
     * @param cores logical processors
     * @param os    OS name, version and architecture
     * @param load  how busy the machine was, as {@code run.sh} measured it
     */
    public record Machine(String cpu, int cores, String os, String load) {
    }

    /**
     * One signing row: a signer (or {@code raw}) with an algorithm and provider, and its ratios.
     *
     * <p>Easy to get wrong: the ratios are empty, not zero, when the row they compare with is missing.
     *
     * @param signer      {@code raw}, {@code raw (reused)} or a signer name
     * @param alg         RS256, PS256 or ES256
     * @param provider    jdk or accp
     * @param result      the JMH row
     * @param toRaw       tokens/s over {@code rawSignature} with the same algorithm and provider
     * @param toOpenssl   tokens/s over openssl's sign/s for the algorithm's key type
     */
    public record SigningRow(String signer, String alg, String provider, JmhResult result, OptionalDouble toRaw,
                             OptionalDouble toOpenssl) {
    }

    /** {@code rawSignature} for the algorithm and provider. */
    public Optional<JmhResult> raw(String alg, String provider) {
        return run.find("BaselineBenchmark", "rawSignature", r -> r.param("alg").equals(alg)
                && r.param("provider").equals(provider));
    }

    /** openssl's sign/s for the algorithm's key type: rsa2048 for RS256 and PS256, ecdsap256 for ES256. */
    public OptionalDouble openssl(String alg) {
        return "ES256".equals(alg) ? opensslEc : opensslRsa;
    }

    /** The signing rows of one algorithm: per provider, raw, raw reused, then each signer measured. */
    public List<SigningRow> signingRows(String alg) {
        List<SigningRow> rows = new ArrayList<>();
        for (String provider : PROVIDERS) {
            Optional<JmhResult> raw = raw(alg, provider);
            raw.ifPresent(r -> rows.add(row("raw", alg, provider, r, raw)));
            run.find("BaselineBenchmark", "rawSignatureReused", r -> r.param("alg").equals(alg)
                    && r.param("provider").equals(provider)).ifPresent(r -> rows.add(row("raw (reused)", alg, provider, r, raw)));
            for (String signer : SIGNERS) {
                run.find("SigningBenchmark", "sign", r -> r.param("signer").equals(signer) && r.param("alg").equals(alg)
                        && r.param("provider").equals(provider)).ifPresent(r -> rows.add(row(signer, alg, provider, r, raw)));
            }
        }
        return rows;
    }

    private SigningRow row(String signer, String alg, String provider, JmhResult result, Optional<JmhResult> raw) {
        OptionalDouble toRaw = raw.isPresent() && raw.get().score() > 0
                ? OptionalDouble.of(result.score() / raw.get().score()) : OptionalDouble.empty();
        OptionalDouble reference = openssl(alg);
        OptionalDouble toOpenssl = reference.isPresent() && reference.getAsDouble() > 0
                ? OptionalDouble.of(result.score() / reference.getAsDouble()) : OptionalDouble.empty();
        return new SigningRow(signer, alg, provider, result, toRaw, toOpenssl);
    }

    /** The rows of the {@code SigningBenchmark} alone (no raw rows) for RS256 and {@code provider}. */
    public List<SigningRow> rs256Signers(String provider) {
        return signingRows("RS256").stream().filter(r -> r.provider().equals(provider))
                .filter(r -> SIGNERS.contains(r.signer())).toList();
    }

    /** {@code OverheadBenchmark} rows: per signer, microseconds per token beyond the signature. */
    public List<JmhResult> overhead() {
        return run.results().stream().filter(r -> r.is("OverheadBenchmark", "sign")).toList();
    }

    /** {@code TokenSourceBenchmark} rows. */
    public List<JmhResult> tokenSource() {
        return run.results().stream().filter(r -> r.benchmarkClass().equals("TokenSourceBenchmark")).toList();
    }
}
