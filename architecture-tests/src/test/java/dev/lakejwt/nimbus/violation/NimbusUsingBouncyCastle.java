package dev.lakejwt.nimbus.violation;

/** Deliberate violation: the nimbus adapter using BouncyCastle, which only core may use. */
public class NimbusUsingBouncyCastle {
    Object provider() {
        return new org.bouncycastle.jce.provider.BouncyCastleProvider();
    }
}
