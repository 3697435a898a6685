package dev.lakejwt.core.violation.cycle.b;

/** Deliberate violation: the other half of a package cycle. */
public class B {
    public dev.lakejwt.core.violation.cycle.a.A a() {
        return new dev.lakejwt.core.violation.cycle.a.A();
    }
}
