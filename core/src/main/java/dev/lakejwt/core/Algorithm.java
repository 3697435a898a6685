package dev.lakejwt.core;

/**
 * The JWS algorithms lakejwt signs with, and the key type each needs.
 *
 * <p>Easy to get wrong: Lake itself documents only {@link #RS256}. {@link #ES256} works with the
 * fake Lake when an EC key is registered, and {@link #PS256} exists for comparison benchmarks; a
 * real Lake may refuse both. The JOSE form of an ES256 signature is the raw 64-byte {@code R||S},
 * not the DER sequence that {@code SHA256withECDSA} returns.
 */
public enum Algorithm {
    /** RSASSA-PKCS1-v1_5 with SHA-256: what Lake documents. */
    RS256("RSA"),
    /** RSASSA-PSS with SHA-256 and MGF1-SHA-256, 32-byte salt. */
    PS256("RSA"),
    /** ECDSA on P-256 with SHA-256. */
    ES256("EC");

    private final String keyType;

    Algorithm(String keyType) {
        this.keyType = keyType;
    }

    /** The JCA key algorithm name a key must have for this JWS algorithm: {@code RSA} or {@code EC}. */
    public String keyType() {
        return keyType;
    }

    /** The default algorithm for a JCA key algorithm name: RS256 for RSA, ES256 for EC. */
    public static Algorithm defaultFor(String keyAlgorithm) {
        if ("RSA".equalsIgnoreCase(keyAlgorithm)) {
            return RS256;
        }
        if ("EC".equalsIgnoreCase(keyAlgorithm) || "ECDSA".equalsIgnoreCase(keyAlgorithm)) {
            return ES256;
        }
        throw new IllegalArgumentException("no JWS algorithm for key type " + keyAlgorithm);
    }
}
