package dev.lakejwt.cli.violation;

/** A class standing in for CLI code in the deliberate violations. */
public class CliFixture {
}
