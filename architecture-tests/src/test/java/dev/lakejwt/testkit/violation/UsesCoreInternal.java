package dev.lakejwt.testkit.violation;

/** Deliberate violation: another module reaching into core's internal package. */
public class UsesCoreInternal {
    String scrub(String s) {
        return dev.lakejwt.core.internal.Redact.scrub(s, java.util.List.of());
    }
}
