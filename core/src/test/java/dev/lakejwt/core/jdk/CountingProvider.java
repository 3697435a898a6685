package dev.lakejwt.core.jdk;

import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.concurrent.atomic.AtomicInteger;

/** A JCA provider that signs SHA256withRSA through the JDK's SunRsaSign and counts every signature made. */
public final class CountingProvider extends Provider {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger SIGNATURES = new AtomicInteger();

    public CountingProvider() {
        super("CountingProv", "1.0", "counts signatures");
        put("Signature.SHA256withRSA", CountingSignature.class.getName());
    }

    public static int signatures() {
        return SIGNATURES.get();
    }

    /** Delegates to SunRsaSign; counts {@code engineSign}. */
    public static final class CountingSignature extends SignatureSpi {
        private final Signature delegate;

        public CountingSignature() throws NoSuchAlgorithmException {
            try {
                delegate = Signature.getInstance("SHA256withRSA", "SunRsaSign");
            } catch (java.security.NoSuchProviderException e) {
                throw new NoSuchAlgorithmException(e);
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            SIGNATURES.incrementAndGet();
            return delegate.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) throws InvalidParameterException {
            throw new InvalidParameterException("unsupported");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) throws InvalidParameterException {
            throw new InvalidParameterException("unsupported");
        }
    }
}
