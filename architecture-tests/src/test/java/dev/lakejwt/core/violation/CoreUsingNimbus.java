package dev.lakejwt.core.violation;

/** Deliberate violation: core code using a JOSE library. */
public class CoreUsingNimbus {
    Object algorithm() {
        return com.nimbusds.jose.JWSAlgorithm.RS256;
    }
}
