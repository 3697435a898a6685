package dev.lakejwt.core.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.key.TestPem;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.KeyPair;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The jdk signer's path with a key that, like a PKCS#11 or KMS handle, is only a {@link PrivateKey}:
 * no material, no {@code RSAPrivateKey}/{@code ECPrivateKey} interface, usable only by its own
 * provider. Runs everywhere; {@code Pkcs11TokenTest} does the same with a real SoftHSM key.
 */
class OpaqueKeySigningTest {
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat("pat-SECRET").subject("demo_user").build();

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"RS256", "ES256"})
    void signsWithAKeyThatOnlyItsProviderCanUse(Algorithm algorithm) throws Exception {
        KeyPair pair = "EC".equals(algorithm.keyType()) ? TestPem.ec("secp256r1") : TestPem.rsa(2048);
        OpaqueKey handle = new OpaqueKey(pair.getPrivate());
        assertThat(handle).isNotInstanceOf(RSAPrivateKey.class).isNotInstanceOf(ECPrivateKey.class);
        SigningKey key = SigningKey.of("hsm", handle, algorithm).withProvider(new OpaqueKeyProvider());
        assertThat(key.privateKey()).as("kept as it is: it cannot be exported").isSameAs(handle);

        String token = new JdkJwtSigner().sign(CLAIMS, key);

        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        assertThat(JcaSignatures.verify(algorithm, pair.getPublic(),
                token.substring(0, dot).getBytes(StandardCharsets.US_ASCII), signature)).isTrue();
        if (algorithm == Algorithm.ES256) {
            assertThat(signature).as("DER from the provider, transcoded to R||S").hasSize(64);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Algorithm.class, names = {"RS256", "ES256"})
    void withoutItsProviderTheKeyCannotSignAndTheFailureSaysWhichProvider(Algorithm algorithm) throws Exception {
        KeyPair pair = "EC".equals(algorithm.keyType()) ? TestPem.ec("secp256r1") : TestPem.rsa(2048);
        SigningKey key = SigningKey.of("hsm", new OpaqueKey(pair.getPrivate()), algorithm);

        assertThatThrownBy(() -> new JdkJwtSigner().sign(CLAIMS, key))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("provider default")
                .hasMessageNotContaining("pat-SECRET");
    }

    /** A key handle: algorithm only, no format, no encoding. */
    static final class OpaqueKey implements PrivateKey {
        private static final long serialVersionUID = 1L;
        private final transient PrivateKey inside;

        OpaqueKey(PrivateKey inside) {
            this.inside = inside;
        }

        @Override
        public String getAlgorithm() {
            return inside.getAlgorithm();
        }

        @Override
        public String getFormat() {
            return null;
        }

        @Override
        public byte[] getEncoded() {
            return null;
        }
    }

    /** Signs SHA256withRSA and SHA256withECDSA (DER, as many HSM providers do) with {@link OpaqueKey}s only. */
    static final class OpaqueKeyProvider extends Provider {
        private static final long serialVersionUID = 1L;

        OpaqueKeyProvider() {
            super("OpaqueKeyProv", "1.0", "signs with opaque key handles");
            put("Signature.SHA256withRSA", RsaSignature.class.getName());
            put("Signature.SHA256withECDSA", EcSignature.class.getName());
        }
    }

    /** SHA256withRSA for opaque keys. */
    public static final class RsaSignature extends HandleSignature {
        public RsaSignature() throws NoSuchAlgorithmException {
            super("SHA256withRSA");
        }
    }

    /** SHA256withECDSA (DER) for opaque keys. */
    public static final class EcSignature extends HandleSignature {
        public EcSignature() throws NoSuchAlgorithmException {
            super("SHA256withECDSA");
        }
    }

    /** Accepts only {@link OpaqueKey}, signs with the JDK inside. */
    abstract static class HandleSignature extends SignatureSpi {
        private final Signature inside;

        HandleSignature(String algorithm) throws NoSuchAlgorithmException {
            inside = Signature.getInstance(algorithm);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            if (!(privateKey instanceof OpaqueKey handle)) {
                throw new InvalidKeyException("not a handle of this provider");
            }
            inside.initSign(handle.inside);
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            throw new InvalidKeyException("signing only");
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            inside.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            inside.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            return inside.sign();
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) {
            return false;
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("unsupported");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("unsupported");
        }
    }
}
