package dev.lakejwt.core.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.key.TestPem;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.Signature;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class JdkJwtSignerTest {
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat("the-pat").subject("demo_user").build();
    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestPem.rsa(2048);
        ec = TestPem.ec("secp256r1");
    }

    static String part(String token, int i) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    @Test
    void headerAndPayloadAreExactlyLakesJson() {
        String token = new JdkJwtSigner().sign(CLAIMS, SigningKey.of("primary", rsa.getPrivate()));

        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"RS256\",\"kid\":\"primary\",\"typ\":\"JWT\"}");
        assertThat(part(token, 1)).isEqualTo("{\"aud\":[\"td:service:authentication\"],\"iat\":1700000000,"
                + "\"exp\":1700003600,\"iss\":\"wiki\",\"org_id\":\"org-1\",\"multi-use\":true,\"pat\":\"the-pat\","
                + "\"sub\":\"demo_user\"}");
        assertThat(token).doesNotContain("=");
    }

    @Test
    void extraClaimsAreWrittenAsGiven() {
        LakeClaims claims = CLAIMS.toBuilder().claim("f", 1.1f).claim("d", 1.5).claim("n", null).build();

        String token = new JdkJwtSigner().sign(claims, SigningKey.of("primary", rsa.getPrivate()));

        // A float stays the float the caller wrote (not its widened double 1.100000023841858), as JOSE libraries write it.
        assertThat(part(token, 1)).endsWith("\"sub\":\"demo_user\",\"f\":1.1,\"d\":1.5,\"n\":null}");
    }

    @Test
    void rs256SignatureVerifiesWithTheJdkAndIsDeterministic() throws Exception {
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());
        String token = new JdkJwtSigner().sign(CLAIMS, key);
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));

        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(rsa.getPublic());
        verifier.update(token.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(signature).hasSize(256);
        assertThat(new JdkJwtSigner().sign(CLAIMS, key)).isEqualTo(token);
    }

    @Test
    void es256SignatureIsRawRAndSAndVerifies() throws Exception {
        String token = new JdkJwtSigner().sign(CLAIMS, SigningKey.of("ec", ec.getPrivate()));
        int dot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));

        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"ES256\",\"kid\":\"ec\",\"typ\":\"JWT\"}");
        assertThat(signature).hasSize(64);
        assertThat(JcaSignatures.verify(Algorithm.ES256, ec.getPublic(),
                token.substring(0, dot).getBytes(StandardCharsets.US_ASCII), signature)).isTrue();
    }

    @Test
    void ps256SignatureVerifies() throws Exception {
        String token = new JdkJwtSigner().sign(CLAIMS, SigningKey.of("p", rsa.getPrivate(), Algorithm.PS256));
        int dot = token.lastIndexOf('.');

        assertThat(part(token, 0)).startsWith("{\"alg\":\"PS256\"");
        assertThat(JcaSignatures.verify(Algorithm.PS256, rsa.getPublic(),
                token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(token.substring(dot + 1)))).isTrue();
    }

    @Test
    void signsWithTheGivenProvider() {
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());
        int before = CountingProvider.signatures();

        String viaProvider = new JdkJwtSigner().withProvider(new CountingProvider()).sign(CLAIMS, key);

        assertThat(CountingProvider.signatures()).isEqualTo(before + 1);
        assertThat(viaProvider).isEqualTo(new JdkJwtSigner().sign(CLAIMS, key));
    }

    @Test
    void signsWithTheKeysProviderWhenTheSignerHasNone() {
        SigningKey key = SigningKey.of("primary", rsa.getPrivate()).withProvider(new CountingProvider());
        int before = CountingProvider.signatures();

        new JdkJwtSigner().sign(CLAIMS, key);

        assertThat(CountingProvider.signatures()).isEqualTo(before + 1);
    }

    @Test
    void providerWithoutTheAlgorithmFailsWithAScrubbedSigningException() {
        SigningKey key = SigningKey.of("ec", ec.getPrivate());

        assertThatThrownBy(() -> new JdkJwtSigner(new CountingProvider()).sign(CLAIMS, key))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("signer 'jdk' failed to sign ES256 with key 'ec' (provider CountingProv)")
                .hasMessageContaining("NoSuchAlgorithmException")
                .hasMessageNotContaining("the-pat");
    }

    @Test
    void derEcdsaSignaturesAreTranscodedToRawForm() throws Exception {
        byte[] input = "header.payload".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 50; i++) {
            Signature der = Signature.getInstance("SHA256withECDSA");
            der.initSign(ec.getPrivate());
            der.update(input);

            byte[] raw = JcaSignatures.derToP1363(der.sign());

            assertThat(raw).hasSize(64);
            assertThat(JcaSignatures.verify(Algorithm.ES256, ec.getPublic(), input, raw)).isTrue();
        }
    }

    @Test
    void verifyRejectsATamperedOrMisSizedSignature() throws Exception {
        String token = new JdkJwtSigner().sign(CLAIMS, SigningKey.of("ec", ec.getPrivate()));
        int dot = token.lastIndexOf('.');
        byte[] input = token.substring(0, dot).getBytes(StandardCharsets.US_ASCII);
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        signature[10] ^= 1;

        assertThat(JcaSignatures.verify(Algorithm.ES256, ec.getPublic(), input, signature)).isFalse();
        assertThat(JcaSignatures.verify(Algorithm.ES256, ec.getPublic(), input, new byte[10])).isFalse();
        assertThat(JcaSignatures.verify(Algorithm.RS256, rsa.getPublic(), input, new byte[256])).isFalse();
    }

    @Test
    void isThreadSafe() throws Exception {
        JdkJwtSigner signer = new JdkJwtSigner();
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());
        String expected = signer.sign(CLAIMS, key);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
            for (int i = 0; i < 64; i++) {
                futures.add(pool.submit(() -> signer.sign(CLAIMS, key)));
            }
            for (var f : futures) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
