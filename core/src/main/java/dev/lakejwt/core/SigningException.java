package dev.lakejwt.core;

/**
 * Thrown when a token cannot be signed: no signer of the requested name on the class path, a signer
 * that does not support the key's algorithm, or a failure inside the signer or its JCA provider.
 *
 * <p>Easy to get wrong: failures from a JOSE library arrive here with their message scrubbed (jose4j,
 * for one, puts the whole claims JSON with the PAT into its messages); the original exception
 * object is deliberately not kept as the cause.
 */
public class SigningException extends LakeJwtException {
    private static final long serialVersionUID = 1L;

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
