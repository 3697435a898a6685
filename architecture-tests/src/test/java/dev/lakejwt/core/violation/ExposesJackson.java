package dev.lakejwt.core.violation;

/** Deliberate violation: a public signature exposing a Jackson type. */
public class ExposesJackson {
    public com.fasterxml.jackson.databind.ObjectMapper mapper() {
        return new com.fasterxml.jackson.databind.ObjectMapper();
    }
}
