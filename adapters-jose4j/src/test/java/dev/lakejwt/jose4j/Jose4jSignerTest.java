package dev.lakejwt.jose4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.Pkcs11Config;
import dev.lakejwt.core.key.Pkcs11Token;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.testkit.contract.CountingProvider;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The jose4j pitfalls this adapter handles deliberately: the audience form, provider selection by
 * name only (and the decision this adapter takes about it), claim-carrying failures, and jose4j's
 * JSON escaping.
 */
class Jose4jSignerTest {
    private static final String PAT = "pat-4f1c9a7e";
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat(PAT).subject("demo_user").build();
    private static KeyPair rsa;
    private static SigningKey key;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        rsa = generator.generateKeyPair();
        key = SigningKey.of("primary", rsa.getPrivate());
    }

    @AfterEach
    void removeTestProviders() {
        Arrays.stream(Security.getProviders())
                .filter(p -> p instanceof CountingProvider || p instanceof EchoingProvider || p.getName().startsWith("Twin"))
                .forEach(p -> Security.removeProvider(p.getName()));
    }

    private static String part(String token, int i) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    @Test
    void oneElementAudienceIsAnArrayWhereSetAudienceWritesAString() {
        JwtClaims idiomatic = new JwtClaims();
        idiomatic.setAudience(List.of(LakeClaims.LAKE_AUDIENCE));
        assertThat(idiomatic.toJson()).isEqualTo("{\"aud\":\"td:service:authentication\"}");

        String token = new Jose4jSigner().sign(CLAIMS, key);

        assertThat(part(token, 1)).startsWith("{\"aud\":[\"td:service:authentication\"],\"iat\":1700000000,");
        assertThat(token).isEqualTo(new JdkJwtSigner().sign(CLAIMS, key));
    }

    @Test
    void unregisteredProviderIsRegisteredAtTheLowestPreferenceAndSignsTheToken() {
        CountingProvider provider = new CountingProvider();
        Provider[] before = Security.getProviders();

        String token = new Jose4jSigner(provider).sign(CLAIMS, key);

        Provider[] after = Security.getProviders();
        assertThat(provider.signatures()).isEqualTo(1);
        assertThat(after).hasSize(before.length + 1).startsWith(before);
        assertThat(after[after.length - 1]).isSameAs(provider);
        assertThat(token).isEqualTo(new JdkJwtSigner().sign(CLAIMS, key));
    }

    @Test
    void aKeysProviderIsUsedAndRegisteredLikeTheSignersOwn() {
        CountingProvider provider = new CountingProvider();
        SigningKey bound = key.withProvider(provider);

        new Jose4jSigner().sign(CLAIMS, bound);
        new Jose4jSigner().sign(CLAIMS, bound);

        assertThat(provider.signatures()).isEqualTo(2);
        assertThat(Security.getProvider(provider.getName())).isSameAs(provider);
    }

    @Test
    void registeredProviderIsUsedAsItIs() {
        CountingProvider provider = new CountingProvider();
        int position = Security.insertProviderAt(provider, 1);
        Jose4jSigner signer = new Jose4jSigner(provider);

        signer.sign(CLAIMS, key);
        signer.sign(CLAIMS, key);

        assertThat(provider.signatures()).isEqualTo(2);
        assertThat(Security.getProviders()[position - 1]).isSameAs(provider);
        assertThat(Arrays.stream(Security.getProviders()).filter(p -> p == provider)).hasSize(1);
    }

    @Test
    void aDifferentProviderUnderTheSameNameIsRefused() {
        Provider registered = new Provider("Twin", "1.0", "registered first") {
            private static final long serialVersionUID = 1L;
        };
        Security.addProvider(registered);
        EchoingProvider given = new EchoingProvider("Twin");

        assertThatThrownBy(() -> new Jose4jSigner(given).sign(CLAIMS, key))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("a different provider named 'Twin' is already registered")
                .hasMessageContaining("Security.getProvider(\"Twin\")");
        assertThat(Security.getProvider("Twin")).isSameAs(registered);
    }

    @Test
    void aFailureThatCarriesTheClaimsReachesTheCallerScrubbed() {
        EchoingProvider echoing = new EchoingProvider("Echoing");
        String payload = new JdkJwtSigner().sign(CLAIMS, key).split("\\.")[1];

        Throwable thrown = catchThrowable(() -> new Jose4jSigner(echoing).sign(CLAIMS, key));

        assertThat(thrown).isInstanceOf(SigningException.class)
                .hasMessageContaining("signer 'jose4j' failed to sign RS256 with key 'primary' (provider Echoing)")
                .hasMessageContaining("JoseException: Problem creating signature");
        StringWriter everything = new StringWriter();
        thrown.printStackTrace(new PrintWriter(everything));
        assertThat(everything.toString())
                .contains("device refused to sign", "claims: {\"aud\":[\"td:service:authentication\"]")
                .doesNotContain(PAT)
                .doesNotContain(payload);
    }

    @Test
    void charactersJose4jEscapesChangeTheBytesButNotTheDecodedClaims() throws Exception {
        LakeClaims claims = CLAIMS.toBuilder().subject("bill\u20ac").claim("note", "line\u2028end").build();

        String token = new Jose4jSigner().sign(claims, key);
        String reference = new JdkJwtSigner().sign(claims, key);

        assertThat(part(token, 1)).contains("\"sub\":\"bill\\u20AC\"", "\"note\":\"line\\u2028end\"");
        assertThat(part(reference, 1)).contains("\"sub\":\"bill\u20ac\"", "\"note\":\"line\u2028end\"");
        var consumer = new JwtConsumerBuilder().setSkipAllValidators().setVerificationKey(rsa.getPublic()).build();
        assertThat(consumer.processToClaims(token).getClaimsMap())
                .isEqualTo(consumer.processToClaims(reference).getClaimsMap());
    }

    @Test
    void aTokenKeysProviderIsRegisteredBecauseJose4jFindsProvidersOnlyByName() throws Exception {
        SoftHsm hsm = SoftHsm.get();
        Pkcs11Token token = Pkcs11Token.open(Pkcs11Config.builder().name("jose4j-test").library(hsm.library())
                .slot(hsm.slot()).build());
        PublicKey publicKey = token.generateKeyPair("jose4j-test", Algorithm.RS256, SoftHsm.pin());
        SigningKey tokenKey = token.loadKey("jose4j-test", SoftHsm.pin());
        String name = token.provider().getName();
        JsonWebSignature idiomatic = new JsonWebSignature();
        idiomatic.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        idiomatic.setPayload("{}");
        idiomatic.setKey(tokenKey.privateKey());
        ProviderContext byName = new ProviderContext();
        byName.getSuppliedKeyProviderContext().setSignatureProvider(name);
        idiomatic.setProviderContext(byName);
        try {
            assertThatThrownBy(idiomatic::getCompactSerialization).as("the token's provider, not registered")
                    .isInstanceOf(JoseException.class)
                    .hasMessageContaining("Unable to get an implementation of SHA256withRSA for provider " + name);

            String jwt = new Jose4jSigner().sign(CLAIMS, tokenKey);

            assertThat(Security.getProvider(name)).as("registered, at the lowest preference").isSameAs(token.provider());
            int dot = jwt.lastIndexOf('.');
            assertThat(JcaSignatures.verify(Algorithm.RS256, publicKey,
                    jwt.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                    Base64.getUrlDecoder().decode(jwt.substring(dot + 1)))).isTrue();
        } finally {
            Security.removeProvider(name);
        }
    }
}
