package dev.lakejwt.core.internal;

import java.util.Collection;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that is about to become an exception message or a log line. Internal:
 * not part of the lakejwt API.
 */
public final class Redact {
    /** What a secret is replaced with. */
    public static final String MASK = "<redacted>";

    /** Three base64url segments joined by dots, the second at least a little long: a compact JWS. */
    private static final Pattern COMPACT_JWS =
            Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
    /** A base64url run long enough to be an encoded header, payload or signature. */
    private static final Pattern LONG_BASE64 = Pattern.compile("[A-Za-z0-9_+/=-]{120,}");
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN [A-Z0-9 ]+-----.*?(-----END [A-Z0-9 ]+-----|$)", Pattern.DOTALL);

    private Redact() {
    }

    /**
     * Returns {@code text} with every given secret, every compact JWS, every PEM block and every long
     * base64 run replaced by {@link #MASK}. Blank secrets are ignored.
     */
    public static String scrub(String text, Collection<String> secrets) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : secrets) {
            if (secret != null && !secret.isBlank()) {
                out = out.replace(secret, MASK);
            }
        }
        out = PEM_BLOCK.matcher(out).replaceAll(MASK);
        out = COMPACT_JWS.matcher(out).replaceAll(MASK);
        return LONG_BASE64.matcher(out).replaceAll(MASK);
    }

    /**
     * Copies a cause chain into {@link RedactedCause}s whose messages are scrubbed, keeping each
     * original class name and stack trace, so the chain can be attached to one of our exceptions.
     */
    public static Throwable scrubChain(Throwable cause, Collection<String> secrets) {
        if (cause == null) {
            return null;
        }
        Throwable copy = new RedactedCause(cause.getClass().getName(), scrub(cause.getMessage(), secrets),
                scrubChain(cause.getCause() == cause ? null : cause.getCause(), secrets));
        copy.setStackTrace(cause.getStackTrace());
        return copy;
    }

    /** A stand-in for a third-party exception whose message was scrubbed. */
    public static final class RedactedCause extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String originalClass;

        RedactedCause(String originalClass, String message, Throwable cause) {
            super(message, cause);
            this.originalClass = originalClass;
        }

        /** The fully qualified name of the exception class this stands in for. */
        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getLocalizedMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
