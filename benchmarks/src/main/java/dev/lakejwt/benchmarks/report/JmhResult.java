package dev.lakejwt.benchmarks.report;

import java.util.Map;
import java.util.OptionalDouble;

/**
 * One row of JMH's JSON result: which benchmark method ran with which {@code @Param} values and how
 * many threads, its primary score with JMH's 99.9% error, and, when {@code -prof gc} ran, the bytes
 * allocated per operation.
 *
 * <p>Easy to get wrong: {@code error} is half the confidence interval JMH reports ({@code ±}), and
 * is {@code NaN} when there were too few iterations to compute it.
 *
 * @param benchmarkClass the simple class name, e.g. {@code SigningBenchmark}
 * @param method         the benchmark method, e.g. {@code sign}
 * @param params         the {@code @Param} values
 * @param threads        threads that ran the method at once (a throughput score is their total)
 * @param mode           JMH's mode: {@code thrpt} or {@code avgt}
 * @param score          the primary score in {@code unit}
 * @param error          JMH's score error in {@code unit}
 * @param unit           e.g. {@code ops/s} or {@code us/op}
 * @param bytesPerOp     {@code gc.alloc.rate.norm}, if measured
 */
public record JmhResult(String benchmarkClass, String method, Map<String, String> params, int threads, String mode,
                        double score, double error, String unit, OptionalDouble bytesPerOp) {

    /** The value of {@code @Param name}, or {@code ""} when this benchmark has no such parameter. */
    public String param(String name) {
        return params.getOrDefault(name, "");
    }

    /** Whether this row is {@code benchmarkClass.method}. */
    public boolean is(String benchmarkClass, String method) {
        return this.benchmarkClass.equals(benchmarkClass) && this.method.equals(method);
    }
}
