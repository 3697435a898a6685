package dev.lakejwt.nimbus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.Pkcs11Config;
import dev.lakejwt.core.key.Pkcs11Token;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The nimbus-jose-jwt pitfalls this adapter handles deliberately. Each test first shows what the
 * idiomatic nimbus call does (so the test fails, and the workaround can go, if a release changes
 * it), then what the adapter does.
 */
class NimbusSignerTest {
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat("the-pat").subject("demo_user").build();
    private static final String LAKE_PAYLOAD = "{\"aud\":[\"td:service:authentication\"],\"iat\":1700000000,"
            + "\"exp\":1700003600,\"iss\":\"wiki\",\"org_id\":\"org-1\",\"multi-use\":true,\"pat\":\"the-pat\","
            + "\"sub\":\"demo_user\"}";
    private static KeyPair rsa;
    private static KeyPair other;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        other = generator.generateKeyPair();
    }

    private static String part(String token, int i) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    @Test
    void oneElementAudienceIsAnArrayWhereJwtClaimsSetWritesAString() throws Exception {
        JWTClaimsSet idiomatic = new JWTClaimsSet.Builder().audience(List.of(LakeClaims.LAKE_AUDIENCE)).build();
        assertThat(idiomatic.toJSONObject().get("aud")).isEqualTo(LakeClaims.LAKE_AUDIENCE);

        String token = new NimbusSigner().sign(CLAIMS, SigningKey.of("primary", rsa.getPrivate()));

        assertThat(SignedJWT.parse(token).getPayload().toJSONObject().get("aud"))
                .isEqualTo(List.of(LakeClaims.LAKE_AUDIENCE));
    }

    @Test
    void payloadKeepsLakesClaimOrderWherePayloadOfAMapWouldNot() {
        assertThat(new Payload(CLAIMS.asMap()).toString()).isNotEqualTo(LAKE_PAYLOAD);

        String token = new NimbusSigner().sign(CLAIMS, SigningKey.of("primary", rsa.getPrivate()));

        assertThat(part(token, 1)).isEqualTo(LAKE_PAYLOAD);
    }

    @Test
    void headerIsLakesBytesWhereTheHeaderBuilderPutsAlgLast() {
        JWSHeader idiomatic = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("primary").type(JOSEObjectType.JWT).build();
        assertThat(idiomatic.toBase64URL().decodeToString()).isNotEqualTo("{\"alg\":\"RS256\",\"kid\":\"primary\",\"typ\":\"JWT\"}");

        String token = new NimbusSigner().sign(CLAIMS, SigningKey.of("primary", rsa.getPrivate()));

        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"RS256\",\"kid\":\"primary\",\"typ\":\"JWT\"}");
    }

    @Test
    void lineSeparatorsInClaimsAreEscapedSoOnlyTheDecodedClaimsEqualTheReference() throws Exception {
        LakeClaims claims = CLAIMS.toBuilder().subject("line\u2028separator").build();
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());

        String token = new NimbusSigner().sign(claims, key);
        String reference = new JdkJwtSigner().sign(claims, key);

        assertThat(part(token, 1)).contains("\"sub\":\"line\\u2028separator\"");
        assertThat(part(reference, 1)).contains("\"sub\":\"line\u2028separator\"");
        assertThat(SignedJWT.parse(token).getJWTClaimsSet().toJSONObject())
                .isEqualTo(SignedJWT.parse(reference).getJWTClaimsSet().toJSONObject());
    }

    @Test
    void reusedSignerFollowsTheKeyWhenKeysAlternateAcrossThreads() throws Exception {
        NimbusSigner signer = new NimbusSigner();
        SigningKey a = SigningKey.of("a", rsa.getPrivate());
        SigningKey b = SigningKey.of("b", other.getPrivate());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> tokens = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                SigningKey key = i % 2 == 0 ? a : b;
                tokens.add(pool.submit(() -> signer.sign(CLAIMS, key)));
            }
            for (int i = 0; i < tokens.size(); i++) {
                SignedJWT jwt = SignedJWT.parse(tokens.get(i).get());
                KeyPair pair = i % 2 == 0 ? rsa : other;
                assertThat(jwt.getHeader().getKeyID()).isEqualTo(i % 2 == 0 ? "a" : "b");
                assertThat(jwt.verify(new RSASSAVerifier((RSAPublicKey) pair.getPublic()))).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void providerWithoutTheAlgorithmIsNamedInsteadOfNimbussUnsupportedAlgorithm() throws Exception {
        RSASSASigner plain = new RSASSASigner(rsa.getPrivate());
        plain.getJCAContext().setProvider(Security.getProvider("SunEC"));
        assertThatThrownBy(() -> new JWSObject(new JWSHeader(JWSAlgorithm.RS256), new Payload(Map.of())).sign(plain))
                .hasMessageStartingWith("Unsupported JWS algorithm RS256");
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());

        assertThatThrownBy(() -> new NimbusSigner(Security.getProvider("SunEC")).sign(CLAIMS, key))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("JCA provider SunEC has no SHA256withRSA signature")
                .hasMessageNotContaining("the-pat");
    }

    @Test
    void aTokenEcKeyNeedsTheOpaqueKeyConstructorAndTheKeysProviderInTheJcaContext() throws Exception {
        SoftHsm hsm = SoftHsm.get();
        Pkcs11Token token = Pkcs11Token.open(Pkcs11Config.builder().name("nimbus-test").library(hsm.library())
                .slot(hsm.slot()).build());
        PublicKey publicKey = token.generateKeyPair("nimbus-test", Algorithm.ES256, SoftHsm.pin());
        SigningKey key = token.loadKey("nimbus-test", SoftHsm.pin());
        JWSObject idiomatic = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(LAKE_PAYLOAD));

        assertThat(key.privateKey()).as("so new ECDSASigner(ECPrivateKey) is impossible")
                .isNotInstanceOf(ECPrivateKey.class);
        assertThatThrownBy(() -> idiomatic.sign(new ECDSASigner(key.privateKey(), Curve.P_256)))
                .as("without the key's provider in the JCA context").isInstanceOf(JOSEException.class)
                .hasMessageContaining("No installed provider supports this key");
        String jwt = new NimbusSigner().sign(CLAIMS, key);

        int dot = jwt.lastIndexOf('.');
        assertThat(JcaSignatures.verify(Algorithm.ES256, publicKey, jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(jwt.substring(dot + 1)))).isTrue();
        assertThat(Security.getProvider(token.provider().getName())).as("nothing registered JVM-wide").isNull();
    }
}
