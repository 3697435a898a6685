package dev.lakejwt.testkit.violation;

/** A class standing in for testkit code in the deliberate violations. */
public class TestkitFixture {
}
