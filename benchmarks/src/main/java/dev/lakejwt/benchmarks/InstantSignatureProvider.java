package dev.lakejwt.benchmarks;

import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SignatureSpi;
import java.security.interfaces.RSAPrivateKey;
import java.util.Map;

/**
 * A JCA provider whose {@code SHA256withRSA} signature takes no time: it accepts an RSA private key,
 * ignores the bytes and returns 256 zero bytes. Signing through it leaves only what a signer does
 * around the signature (claims, JSON, Base64url, JCA look-ups, object churn), which
 * {@link OverheadBenchmark} measures in microseconds, free of the RSA operation's noise.
 *
 * <p>Easy to get wrong: the tokens it yields carry a signature of zeros and verify nowhere; it exists
 * only for that benchmark and is never registered except by the {@code jose4j} signer itself, which
 * registers any provider it is given (at the lowest preference) because jose4j looks providers up by name.
 */
final class InstantSignatureProvider extends Provider {
    private static final long serialVersionUID = 1L;
    /** The name it would be registered under. */
    static final String NAME = "LakeJwtInstantSignature";
    static final InstantSignatureProvider INSTANCE = new InstantSignatureProvider();

    private InstantSignatureProvider() {
        super(NAME, "1.0", "SHA256withRSA that returns zeros at once: measures a JWT signer's own overhead");
        putService(new Service(this, "Signature", "SHA256withRSA", InstantSignature.class.getName(), null,
                Map.of("SupportedKeyClasses", "java.security.interfaces.RSAPrivateKey")));
    }

    /** The signature engine: checks the key type as a real one would, and does no work. */
    public static final class InstantSignature extends SignatureSpi {
        private static final int RSA_2048_BYTES = 256;

        /** Public so the JCA can instantiate it by reflection. */
        public InstantSignature() {
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof RSAPrivateKey)) {
                throw new InvalidKeyException("an RSA private key is needed, not " + privateKey.getAlgorithm());
            }
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("this provider only signs");
        }

        @Override
        protected void engineUpdate(byte b) {
        }

        @Override
        protected void engineUpdate(byte[] bytes, int offset, int length) {
        }

        @Override
        protected byte[] engineSign() {
            return new byte[RSA_2048_BYTES];
        }

        @Override
        protected boolean engineVerify(byte[] signature) {
            return false;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new UnsupportedOperationException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new UnsupportedOperationException("no parameters");
        }
    }
}
