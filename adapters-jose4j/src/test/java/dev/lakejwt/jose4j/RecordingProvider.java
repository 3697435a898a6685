package dev.lakejwt.jose4j;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JCA provider with one SHA256withRSA signature (SunRsaSign underneath) that counts the signatures
 * it makes, or, when {@code echoing}, fails with a message that repeats everything it was asked to
 * sign, the way a verbose HSM wrapper might: the signing input holds the whole claim set.
 */
final class RecordingProvider extends Provider {
    private static final long serialVersionUID = 1L;
    final transient AtomicInteger signatures = new AtomicInteger();
    final boolean echoing;

    RecordingProvider(String name, boolean echoing) {
        super(name, "1.0", "records signatures");
        this.echoing = echoing;
        putService(new Service(this, "Signature", "SHA256withRSA", RecordingSignature.class.getName(), null, null) {
            @Override
            public Object newInstance(Object parameter) throws NoSuchAlgorithmException {
                return new RecordingSignature(RecordingProvider.this);
            }
        });
    }

    /** Delegates to SunRsaSign; counts {@code engineSign}, or fails echoing the input. */
    static final class RecordingSignature extends SignatureSpi {
        private final RecordingProvider owner;
        private final Signature delegate;
        private final ByteArrayOutputStream input = new ByteArrayOutputStream();

        RecordingSignature(RecordingProvider owner) throws NoSuchAlgorithmException {
            this.owner = owner;
            try {
                delegate = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            } catch (NoSuchProviderException e) {
                throw new NoSuchAlgorithmException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            input.reset();
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            input.write(b);
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            input.write(b, off, len);
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            if (owner.echoing) {
                String signingInput = input.toString(StandardCharsets.US_ASCII);
                String payload = signingInput.substring(signingInput.indexOf('.') + 1);
                throw new SignatureException("device refused to sign '" + signingInput + "'",
                        new IllegalStateException("claims: " + new String(java.util.Base64.getUrlDecoder().decode(payload),
                                StandardCharsets.UTF_8)));
            }
            owner.signatures.incrementAndGet();
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate.verify(sigBytes);
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
