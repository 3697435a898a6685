package dev.lakejwt.benchmarks.violation;

/** A class standing in for benchmark code in the deliberate violations. */
public class BenchmarkFixture {
}
