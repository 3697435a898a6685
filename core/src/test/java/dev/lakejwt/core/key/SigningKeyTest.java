package dev.lakejwt.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.KeyLoadingException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SigningKeyTest {
    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestPem.rsa(2048);
        ec = TestPem.ec("secp256r1");
    }

    @Test
    void defaultAlgorithmFollowsTheKeyType() {
        assertThat(SigningKey.of("r", rsa.getPrivate()).algorithm()).isEqualTo(Algorithm.RS256);
        assertThat(SigningKey.of("e", ec.getPrivate()).algorithm()).isEqualTo(Algorithm.ES256);
        assertThat(SigningKey.of("r", rsa.getPrivate(), Algorithm.PS256).algorithm()).isEqualTo(Algorithm.PS256);
    }

    @Test
    void algorithmMustFitTheKey() {
        assertThatThrownBy(() -> SigningKey.of("e", ec.getPrivate(), Algorithm.RS256))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("key 'e' is a EC key but RS256 needs an RSA key");
        assertThatThrownBy(() -> SigningKey.of("r", rsa.getPrivate(), Algorithm.ES256))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("ES256 needs an EC key");
    }

    @Test
    void kidMustBePresentAndPrintable() {
        assertThatThrownBy(() -> SigningKey.of(" ", rsa.getPrivate()))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("kid").hasMessageContaining("primary");
        assertThatThrownBy(() -> SigningKey.of("a\nb", rsa.getPrivate()))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("control characters");
    }

    @Test
    void withProviderRecreatesTheKeyThroughThatProvidersKeyFactory() {
        Provider bc = new BouncyCastleProvider();
        SigningKey jdkKey = SigningKey.of("primary", rsa.getPrivate());

        SigningKey bound = jdkKey.withProvider(bc);

        assertThat(bound.provider()).contains(bc);
        assertThat(bound.privateKey().getClass().getName()).startsWith("org.bouncycastle.");
        assertThat(bound.privateKey().getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(bound.keyId()).isEqualTo("primary");
        assertThat(jdkKey.privateKey()).isSameAs(rsa.getPrivate());
        assertThat(bound.toString()).contains("provider=BC");
    }

    @Test
    void withProviderKeepsTheKeyObjectWhenTheProviderHasNoKeyFactoryForIt() {
        Provider sunJce = Security.getProvider("SunJCE");
        SigningKey key = SigningKey.of("primary", ec.getPrivate());

        SigningKey bound = key.withProvider(sunJce);

        assertThat(bound.privateKey()).isSameAs(ec.getPrivate());
        assertThat(bound.provider()).contains(sunJce);
    }

    @Test
    void withProviderFailsClearlyWhenTheProvidersKeyFactoryRefusesTheKey() {
        Provider refusing = new Provider("Refusing", "1.0", "a KeyFactory that refuses every key") {
            private static final long serialVersionUID = 1L;

            {
                put("KeyFactory.RSA", RefusingKeyFactory.class.getName());
            }
        };
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());

        assertThatThrownBy(() -> key.withProvider(refusing))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("JCA provider Refusing cannot take the RSA key 'primary' (InvalidKeySpecException): "
                        + "choose another provider or algorithm");
    }

    /** A KeyFactory that refuses everything. */
    public static final class RefusingKeyFactory extends java.security.KeyFactorySpi {
        @Override
        protected java.security.PublicKey engineGeneratePublic(java.security.spec.KeySpec keySpec)
                throws java.security.spec.InvalidKeySpecException {
            throw new java.security.spec.InvalidKeySpecException("no");
        }

        @Override
        protected java.security.PrivateKey engineGeneratePrivate(java.security.spec.KeySpec keySpec)
                throws java.security.spec.InvalidKeySpecException {
            throw new java.security.spec.InvalidKeySpecException("no");
        }

        @Override
        protected <T extends java.security.spec.KeySpec> T engineGetKeySpec(java.security.Key key, Class<T> keySpec)
                throws java.security.spec.InvalidKeySpecException {
            throw new java.security.spec.InvalidKeySpecException("no");
        }

        @Override
        protected java.security.Key engineTranslateKey(java.security.Key key) throws java.security.InvalidKeyException {
            throw new java.security.InvalidKeyException("no");
        }
    }

    @Test
    void pemEncoderWritesWhatKeyLoaderReadsBack() {
        String privatePem = PemEncoder.privateKeyPem(rsa.getPrivate());
        String publicPem = PemEncoder.publicKeyPem(rsa.getPublic());

        assertThat(privatePem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        assertThat(privatePem.lines().filter(l -> !l.startsWith("-----")).allMatch(l -> l.length() <= 64)).isTrue();
        assertThat(KeyLoader.privateKeyFromPem(privatePem, "p", null).privateKey().getEncoded())
                .isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(KeyLoader.publicKeyFromPem(publicPem).getEncoded()).isEqualTo(rsa.getPublic().getEncoded());
    }

    @Test
    void carriesAMatchingPublicKeyThroughEveryWither() throws Exception {
        SigningKey key = SigningKey.of("primary", rsa.getPrivate()).withPublicKey(rsa.getPublic());

        assertThat(key.publicKey()).containsSame(rsa.getPublic());
        assertThat(key.withKeyId("other").withAlgorithm(Algorithm.PS256).withProvider(new BouncyCastleProvider())
                .publicKey()).containsSame(rsa.getPublic());
        assertThat(SigningKey.of("primary", rsa.getPrivate()).publicKey()).isEmpty();
    }

    @Test
    void aPublicKeyOfAnotherTypeOrTooSmallIsRefused() throws Exception {
        assertThatThrownBy(() -> SigningKey.of("k", rsa.getPrivate()).withPublicKey(ec.getPublic()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("key 'k': the public key is EC but the private key is RSA");
        assertThatThrownBy(() -> SigningKey.of("k", rsa.getPrivate()).withPublicKey(TestPem.rsa(1024).getPublic()))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("has 1024 bits");
    }
}
