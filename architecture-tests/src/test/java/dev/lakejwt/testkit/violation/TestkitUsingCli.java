package dev.lakejwt.testkit.violation;

/** Deliberate violation: a library depending on the samples. */
public class TestkitUsingCli {
    Object cli() {
        return new dev.lakejwt.cli.violation.CliFixture();
    }
}
