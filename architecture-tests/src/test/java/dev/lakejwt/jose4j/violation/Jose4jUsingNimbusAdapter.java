package dev.lakejwt.jose4j.violation;

/** Deliberate violation: one adapter using another. */
public class Jose4jUsingNimbusAdapter {
    Object signer() {
        return new dev.lakejwt.nimbus.NimbusSigner();
    }
}
