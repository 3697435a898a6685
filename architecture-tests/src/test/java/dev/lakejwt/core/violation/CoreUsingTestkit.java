package dev.lakejwt.core.violation;

/** Deliberate violation: core code depending on another module. */
public class CoreUsingTestkit {
    String name() {
        return new dev.lakejwt.testkit.violation.TestkitFixture().toString();
    }
}
