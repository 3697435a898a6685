package dev.lakejwt.jjwt.violation;

/** Deliberate violation: the jjwt adapter using Jackson directly (it is only jjwt's run-time JSON binding). */
public class JjwtUsingJackson {
    Object mapper() {
        return new com.fasterxml.jackson.databind.ObjectMapper();
    }
}
