package dev.lakejwt.jose4j;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.Base64;

/**
 * A JCA provider whose SHA256withRSA always fails, with a message repeating what it was asked to
 * sign and a cause holding the decoded claims, as a verbose HSM wrapper might: a failure that
 * carries the PAT, which must never reach a lakejwt caller.
 */
final class EchoingProvider extends Provider {
    private static final long serialVersionUID = 1L;

    EchoingProvider(String name) {
        super(name, "1.0", "fails, echoing the signing input");
        putService(new Service(this, "Signature", "SHA256withRSA", EchoingSignature.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) {
                return new EchoingSignature();
            }
        });
    }

    /** Collects the input and fails in {@code engineSign}, showing it. */
    static final class EchoingSignature extends SignatureSpi {
        private final ByteArrayOutputStream input = new ByteArrayOutputStream();

        @Override
        protected void engineInitVerify(PublicKey publicKey) {
            throw new UnsupportedOperationException();
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) {
            input.reset();
        }

        @Override
        protected void engineUpdate(byte b) {
            input.write(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) {
            input.write(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            String signingInput = input.toString(StandardCharsets.US_ASCII);
            String payload = signingInput.substring(signingInput.indexOf('.') + 1);
            throw new SignatureException("device refused to sign '" + signingInput + "'", new IllegalStateException(
                    "claims: " + new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8)));
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException();
        }
    }
}
