package dev.lakejwt.core.violation.cycle.a;

/** Deliberate violation: half of a package cycle. */
public class A {
    public dev.lakejwt.core.violation.cycle.b.B b() {
        return new dev.lakejwt.core.violation.cycle.b.B();
    }
}
