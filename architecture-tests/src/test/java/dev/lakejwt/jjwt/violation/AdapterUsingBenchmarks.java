package dev.lakejwt.jjwt.violation;

/** Deliberate violation: a library depending on the benchmarks. */
public class AdapterUsingBenchmarks {
    Object bench() {
        return new dev.lakejwt.benchmarks.violation.BenchmarkFixture();
    }
}
