package dev.lakejwt.jjwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.Pkcs11Config;
import dev.lakejwt.core.key.Pkcs11Token;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import io.jsonwebtoken.Jwts;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Security;
import java.util.Base64;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jjwt pitfalls this adapter handles deliberately. Each test first shows what plain jjwt does
 * (so the test fails, and the workaround can go, if a jjwt release changes it), then what the adapter does.
 */
class JjwtSignerTest {
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat("the-pat").subject("demo_user").build();
    private static KeyPair rsa;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
    }

    private static String part(String token, int i) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    @Test
    void headerHasAlgFirstWhereJjwtsHeaderBuilderPutsItLast() {
        String plain = Jwts.builder().header().keyId("primary").type("JWT").and().subject("s")
                .signWith(rsa.getPrivate(), Jwts.SIG.RS256).compact();
        assertThat(part(plain, 0)).isEqualTo("{\"kid\":\"primary\",\"typ\":\"JWT\",\"alg\":\"RS256\"}");

        String token = new JjwtSigner().sign(CLAIMS, SigningKey.of("primary", rsa.getPrivate()));

        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"RS256\",\"kid\":\"primary\",\"typ\":\"JWT\"}");
    }

    @Test
    @SuppressWarnings("deprecation") // single() is jjwt's deprecated way to write the string form; shown as the contrast
    void oneElementAudienceIsAnArray() {
        String single = Jwts.builder().audience().single(LakeClaims.LAKE_AUDIENCE).signWith(rsa.getPrivate(),
                Jwts.SIG.RS256).compact();
        assertThat(part(single, 1)).isEqualTo("{\"aud\":\"td:service:authentication\"}");

        String token = new JjwtSigner().sign(CLAIMS, SigningKey.of("primary", rsa.getPrivate()));

        assertThat(part(token, 1)).startsWith("{\"aud\":[\"td:service:authentication\"],\"iat\":1700000000,");
    }

    @Test
    void namesRs256EvenForA3072BitKeyWhereJjwtWouldPickRs384() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair big = generator.generateKeyPair();
        assertThat(part(Jwts.builder().subject("s").signWith(big.getPrivate()).compact(), 0))
                .isEqualTo("{\"alg\":\"RS384\"}");
        SigningKey key = SigningKey.of("big", big.getPrivate());

        String token = new JjwtSigner().sign(CLAIMS, key);

        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"RS256\",\"kid\":\"big\",\"typ\":\"JWT\"}");
        assertThat(token).isEqualTo(new JdkJwtSigner().sign(CLAIMS, key));
    }

    @Test
    void nullExtraClaimIsRefusedBecauseJjwtWouldDropIt() {
        assertThat(part(Jwts.builder().subject("s").claim("note", null).signWith(rsa.getPrivate(), Jwts.SIG.RS256)
                .compact(), 1)).isEqualTo("{\"sub\":\"s\"}");
        LakeClaims claims = CLAIMS.toBuilder().claim("note", null).build();

        assertThatThrownBy(() -> new JjwtSigner().sign(claims, SigningKey.of("primary", rsa.getPrivate())))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("extra claim 'note' is null")
                .hasMessageContaining("use another signer");
    }

    @Test
    void fractionalNbfIsRefusedBecauseJjwtWouldRewriteIt() {
        assertThat(part(Jwts.builder().claim("nbf", 1.7e9).signWith(rsa.getPrivate(), Jwts.SIG.RS256).compact(), 1))
                .isEqualTo("{\"nbf\":1700000000}");
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());
        LakeClaims fractional = CLAIMS.toBuilder().claim("nbf", 1.7e9).build();
        LakeClaims whole = CLAIMS.toBuilder().claim("nbf", 1_700_000_000L).build();

        assertThatThrownBy(() -> new JjwtSigner().sign(fractional, key))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("extra claim 'nbf' must be whole epoch seconds");
        assertThat(new JjwtSigner().sign(whole, key)).isEqualTo(new JdkJwtSigner().sign(whole, key));
    }

    @Test
    void nonStringJtiFailsWithJjwtsOwnReasonScrubbed() {
        LakeClaims claims = CLAIMS.toBuilder().claim("jti", 5).build();

        assertThatThrownBy(() -> new JjwtSigner().sign(claims, SigningKey.of("primary", rsa.getPrivate())))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("signer 'jjwt' failed to sign RS256 with key 'primary'")
                .hasMessageContaining("'jti'")
                .hasMessageContaining("Expected: java.lang.String")
                .hasMessageNotContaining("the-pat");
    }

    @Test
    void providerWithoutTheAlgorithmFailsNamingTheProvider() {
        SigningKey key = SigningKey.of("primary", rsa.getPrivate());

        assertThatThrownBy(() -> new JjwtSigner(Security.getProvider("SunEC")).sign(CLAIMS, key))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("signer 'jjwt' failed to sign RS256 with key 'primary' (provider SunEC)")
                .hasMessageContaining("SHA256withRSA")
                .hasMessageNotContaining("the-pat");
    }

    @Test
    void aTokenKeySignsThroughTheKeysProviderWhichPlainJjwtCannotFindAlone() throws Exception {
        SoftHsm hsm = SoftHsm.get();
        Pkcs11Token token = Pkcs11Token.open(Pkcs11Config.builder().name("jjwt-test").library(hsm.library())
                .slot(hsm.slot()).build());
        PublicKey publicKey = token.generateKeyPair("jjwt-test", Algorithm.ES256, SoftHsm.pin());
        SigningKey key = token.loadKey("jjwt-test", SoftHsm.pin());

        assertThatThrownBy(() -> Jwts.builder().subject("demo_user").signWith(key.privateKey(), Jwts.SIG.ES256).compact())
                .as("without JwtBuilder.provider(p), the JCA default has no provider for the token's key")
                .isInstanceOf(io.jsonwebtoken.security.SignatureException.class)
                .hasMessageContaining("No installed provider supports this key");
        String jwt = new JjwtSigner().sign(CLAIMS, key);

        int dot = jwt.lastIndexOf('.');
        assertThat(JcaSignatures.verify(Algorithm.ES256, publicKey, jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(jwt.substring(dot + 1)))).isTrue();
        assertThat(Security.getProvider(token.provider().getName())).as("nothing registered JVM-wide").isNull();
    }
}
