package dev.lakejwt.core;

/**
 * Thrown when a private or public key cannot be read: missing or unreadable file, empty file, not
 * PEM, a public key or certificate where a private key is needed, a missing or wrong passphrase, an
 * RSA key under 2048 bits, or a key type Lake does not accept.
 *
 * <p>Easy to get wrong: the message names the file (or "PEM text" when loaded from a string) but
 * never echoes its content, and the passphrase array has already been zero-filled when this is thrown.
 */
public class KeyLoadingException extends LakeJwtException {
    private static final long serialVersionUID = 1L;

    public KeyLoadingException(String message) {
        super(message);
    }

    public KeyLoadingException(String message, Throwable cause) {
        super(message, cause);
    }
}
