package dev.lakejwt.core.key;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Base64;

/**
 * Writes keys as PEM in the Lake console's format: a private key as PKCS#8
 * ({@code BEGIN PRIVATE KEY}), a public key as SPKI ({@code BEGIN PUBLIC KEY}).
 *
 * <p>Easy to get wrong: the private-key PEM is the secret itself. Write it to a file only the owner
 * can read (the CLI's {@code keygen} sets {@code rw-------}) and never to a log.
 */
public final class PemEncoder {
    private static final Base64.Encoder MIME64 = Base64.getMimeEncoder(64, new byte[] {'\n'});

    private PemEncoder() {
    }

    /** The key as {@code -----BEGIN PRIVATE KEY-----} PEM; fails for a key that cannot be exported. */
    public static String privateKeyPem(PrivateKey key) {
        byte[] der = key.getEncoded();
        if (der == null || !"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("this " + key.getAlgorithm() + " key cannot be exported as PKCS#8 "
                    + "(it lives in a key store or token)");
        }
        return block("PRIVATE KEY", der);
    }

    /** The key as {@code -----BEGIN PUBLIC KEY-----} PEM. */
    public static String publicKeyPem(PublicKey key) {
        return block("PUBLIC KEY", key.getEncoded());
    }

    private static String block(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + MIME64.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
