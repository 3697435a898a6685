package dev.lakejwt.core.violation;

/** Deliberate violation: library code printing to standard out. */
public class Printer {
    void print(String s) {
        System.out.println(s);
    }
}
