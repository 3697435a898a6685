package dev.lakejwt.jose4j.violation;

/** Deliberate violation: the jose4j adapter using a second JOSE library. */
public class Jose4jUsingJjwt {
    Object builder() {
        return io.jsonwebtoken.Jwts.builder();
    }
}
