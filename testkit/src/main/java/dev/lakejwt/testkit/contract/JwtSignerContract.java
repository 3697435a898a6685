package dev.lakejwt.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.LakeJwtException;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.PemEncoder;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.LakeIdentity;
import dev.lakejwt.testkit.verify.DecodedToken;
import dev.lakejwt.testkit.verify.LakeTokenVerifier;
import dev.lakejwt.testkit.verify.Verdict;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every {@link JwtSigner} must have, as one abstract JUnit 5 class: a signer module
 * adds {@code class XxxSignerContractTest extends JwtSignerContract} supplying {@link #signer()},
 * and inherits these tests. They check the exact header and claim JSON (names, JSON types, values),
 * the signature with the JDK alone, acceptance by a {@link FakeLake} end to end, RS256 and ES256
 * (and PS256) where the signer supports them, RS256 and ES256 with a key that cannot leave a PKCS#11
 * token (SoftHSM, through {@code dev.lakejwt.testkit.softhsm.SoftHsm}), 8 threads signing at once, that
 * the signer signs with the JCA provider it is given ({@link CountingProvider}), that a key of the
 * wrong type fails with a clear {@link SigningException}, and that no PAT, key material or token leaks
 * into exception messages or {@code toString()}.
 *
 * <p>Easy to get wrong: member <em>order</em> is not part of the contract (JSON objects are
 * unordered, and jjwt and nimbus write {@code alg} last); override {@link #writesReferenceOrder()}
 * to also demand the reference bytes. One fake Lake and one key pair per algorithm serve the whole
 * class ({@code @TestInstance(PER_CLASS)}), so keep subclasses free of per-test server state. The
 * PKCS#11 cases need SoftHSM 2 and {@code SOFTHSM2_CONF} set for the test JVM (see {@code SoftHsm});
 * without SoftHSM they are skipped, unless {@code LAKEJWT_REQUIRE_SOFTHSM=1} makes them fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JwtSignerContract {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A PAT that must never show up in any message. */
    protected static final String SECRET_PAT = "pat-contract-SECRET-7c1e9f";
    private static final int THREADS = 8;
    private static final int TOKENS_PER_THREAD = 6;

    private FakeLake lake;
    private LakeIdentity rsa;
    private LakeIdentity ec;

    /** The signer under test, with the JCA default provider. */
    protected abstract JwtSigner signer();

    /**
     * Whether the signer writes header and claims in the reference order and bytes of core's
     * {@code jdk} signer ({@code {"alg","kid","typ"}}, then Lake's claim order). Default false.
     */
    protected boolean writesReferenceOrder() {
        return false;
    }

    @BeforeAll
    void startFakeLake() {
        lake = FakeLake.start();
        rsa = lake.identity("contract_user").pat(SECRET_PAT).create();
    }

    @AfterAll
    void stopFakeLake() {
        if (lake != null) {
            lake.close();
        }
    }

    /** The fake Lake this class's tests use. */
    protected final FakeLake fakeLake() {
        return lake;
    }

    private LakeIdentity ecIdentity() {
        if (ec == null) {
            ec = lake.identity("contract_user_ec").algorithm(Algorithm.ES256).create();
        }
        return ec;
    }

    @Test
    void isSelectableByItsNameAndSignsRs256() {
        JwtSigner signer = signer();

        assertThat(signer.name()).isNotBlank().isEqualTo(signer.name().toLowerCase(Locale.ROOT));
        assertThat(signer.algorithms()).contains(Algorithm.RS256);
        assertThat(JwtSigners.named(signer.name())).as("found through ServiceLoader under its name")
                .isInstanceOf(signer.getClass());
    }

    @Test
    void headerIsExactlyAlgKidAndTypJwt() throws Exception {
        String token = signer().sign(rsa.claims(), rsa.signingKey());

        JsonNode header = JSON.readTree(part(token, 0));
        assertThat(fieldNames(header)).containsExactlyInAnyOrder("alg", "kid", "typ");
        assertThat(header.get("alg").isTextual()).isTrue();
        assertThat(header.get("alg").textValue()).isEqualTo("RS256");
        assertThat(header.get("kid").textValue()).isEqualTo(rsa.keyId());
        assertThat(header.get("typ").textValue()).isEqualTo("JWT");
        if (writesReferenceOrder()) {
            assertThat(new String(part(token, 0), StandardCharsets.UTF_8))
                    .isEqualTo("{\"alg\":\"RS256\",\"kid\":\"" + rsa.keyId() + "\",\"typ\":\"JWT\"}");
        }
    }

    @Test
    void claimsAreExactlyLakesNamesTypesAndValues() throws Exception {
        LakeClaims claims = rsa.claims();
        String token = signer().sign(claims, rsa.signingKey());

        JsonNode payload = JSON.readTree(part(token, 1));
        assertThat(fieldNames(payload)).containsExactlyInAnyOrderElementsOf(LakeClaims.LAKE_CLAIM_NAMES);
        JsonNode aud = payload.get("aud");
        assertThat(aud.isArray()).as("aud must be a JSON array even with one value, was %s", aud).isTrue();
        assertThat(aud).hasSize(1);
        assertThat(aud.get(0).textValue()).isEqualTo(LakeClaims.LAKE_AUDIENCE);
        assertThat(payload.get("iat").isIntegralNumber()).as("iat is a JSON integer, was %s", payload.get("iat")).isTrue();
        assertThat(payload.get("exp").isIntegralNumber()).as("exp is a JSON integer, was %s", payload.get("exp")).isTrue();
        assertThat(payload.get("iat").longValue()).isEqualTo(claims.issuedAt());
        assertThat(payload.get("exp").longValue()).isEqualTo(claims.expiresAt());
        assertThat(payload.get("multi-use").isBoolean()).as("multi-use is a JSON boolean").isTrue();
        assertThat(payload.get("multi-use").booleanValue()).isTrue();
        for (String text : List.of("iss", "org_id", "pat", "sub")) {
            assertThat(payload.get(text).isTextual()).as("%s is a string", text).isTrue();
        }
        assertThat(payload.get("iss").textValue()).isEqualTo(claims.issuer());
        assertThat(payload.get("org_id").textValue()).isEqualTo(lake.orgId());
        assertThat(payload.get("pat").textValue()).isEqualTo(SECRET_PAT);
        assertThat(payload.get("sub").textValue()).isEqualTo(rsa.user());
        if (writesReferenceOrder()) {
            String reference = new JdkJwtSigner().sign(claims, rsa.signingKey());
            assertThat(token).as("same bytes as the jdk reference signer (RS256 is deterministic)").isEqualTo(reference);
        }
    }

    @Test
    void severalAudiencesAndExtraClaimsKeepTheirJsonTypes() throws Exception {
        LakeClaims claims = rsa.claimsBuilder()
                .audience(List.of(LakeClaims.LAKE_AUDIENCE, "td:service:other"))
                .claim("team", "data-eng").claim("attempt", 3L).claim("dry-run", false)
                .claim("scopes", List.of("a", "b")).claim("ctx", Map.of("k", "v")).build();

        JsonNode payload = JSON.readTree(part(signer().sign(claims, rsa.signingKey()), 1));

        assertThat(payload.get("aud").isArray()).isTrue();
        assertThat(payload.get("aud")).extracting(JsonNode::textValue)
                .containsExactly(LakeClaims.LAKE_AUDIENCE, "td:service:other");
        assertThat(payload.get("team").textValue()).isEqualTo("data-eng");
        assertThat(payload.get("attempt").isIntegralNumber()).isTrue();
        assertThat(payload.get("attempt").longValue()).isEqualTo(3L);
        assertThat(payload.get("dry-run").isBoolean()).isTrue();
        assertThat(payload.get("dry-run").booleanValue()).isFalse();
        assertThat(payload.get("scopes").isArray()).isTrue();
        assertThat(payload.get("ctx").get("k").textValue()).isEqualTo("v");
    }

    @Test
    void rs256SignatureVerifiesWithTheJdkAlone() throws Exception {
        String token = signer().sign(rsa.claims(), rsa.signingKey());

        byte[] input = signingInput(token);
        byte[] signature = part(token, 2);
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(rsa.publicKey());
        jdk.update(input);
        assertThat(jdk.verify(signature)).as("SHA256withRSA verifies the signature").isTrue();
        assertThat(signature).hasSize(256);
        byte[] tampered = input.clone();
        tampered[tampered.length - 1] ^= 1;
        assertThat(JcaSignatures.verify(Algorithm.RS256, rsa.publicKey(), tampered, signature)).isFalse();
    }

    @Test
    void tokenIsAcceptedByTheFakeLakeEndToEnd() throws Exception {
        String token = signer().sign(rsa.claims(), rsa.signingKey());

        HttpResponse<String> response = query(token);

        assertThat(response.statusCode()).as("fake Lake answered %s", response.body()).isEqualTo(200);
        JsonNode rows = JSON.readTree(response.body()).path("results").path(0).path("data");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("InfoKey").textValue()).isEqualTo("VERSION");
        Verdict verdict = lake.journal().last().verdict();
        assertThat(verdict.accepted()).as("%s", verdict).isTrue();
    }

    @Test
    void es256WhereSupportedVerifiesAsRawRAndSAndIsAccepted() throws Exception {
        assumeTrue(signer().algorithms().contains(Algorithm.ES256), "signer does not support ES256");
        LakeIdentity id = ecIdentity();

        String token = signer().sign(id.claims(), id.signingKey());

        JsonNode header = JSON.readTree(part(token, 0));
        assertThat(header.get("alg").textValue()).isEqualTo("ES256");
        byte[] signature = part(token, 2);
        assertThat(signature).as("ES256 in JWS is raw R||S, 64 bytes, not DER").hasSize(64);
        Signature jdk = Signature.getInstance("SHA256withECDSAinP1363Format");
        jdk.initVerify(id.publicKey());
        jdk.update(signingInput(token));
        assertThat(jdk.verify(signature)).isTrue();
        HttpResponse<String> response = query(token);
        assertThat(response.statusCode()).as("fake Lake answered %s", response.body()).isEqualTo(200);
    }

    @Test
    void ps256WhereSupportedVerifiesWithTheJdk() throws Exception {
        assumeTrue(signer().algorithms().contains(Algorithm.PS256), "signer does not support PS256");
        SigningKey key = rsa.signingKey().withAlgorithm(Algorithm.PS256);

        String token = signer().sign(rsa.claims(), key);

        assertThat(JSON.readTree(part(token, 0)).get("alg").textValue()).isEqualTo("PS256");
        assertThat(JcaSignatures.verify(Algorithm.PS256, rsa.publicKey(), signingInput(token), part(token, 2))).isTrue();
    }

    @Test
    void rs256WithAKeyThatNeverLeavesAPkcs11TokenIsAccepted() throws Exception {
        signsWithANonExportableTokenKey(Algorithm.RS256);
    }

    @Test
    void es256WithAKeyThatNeverLeavesAPkcs11TokenIsAccepted() throws Exception {
        signsWithANonExportableTokenKey(Algorithm.ES256);
    }

    /**
     * A key pair generated inside a SoftHSM token (private key sensitive, not extractable), loaded as a
     * handle with the token's SunPKCS11 provider: the signer must sign through that provider, without
     * casting the key to {@code RSAPrivateKey}/{@code ECPrivateKey} or reading its encoding, and the fake
     * Lake must accept the token with the public key, the only part that left the token.
     */
    private void signsWithANonExportableTokenKey(Algorithm algorithm) throws Exception {
        assumeTrue(signer().algorithms().contains(algorithm), "signer does not support " + algorithm);
        TokenKeys.TokenKey tokenKey = TokenKeys.of(algorithm);
        SigningKey key = tokenKey.signingKey();
        assertThat(key.privateKey().getEncoded()).as("the private key cannot be exported").isNull();
        assertThat(key.provider()).as("the key carries the token's provider").get()
                .extracting(Provider::getName).isEqualTo("SunPKCS11-" + TokenKeys.PROVIDER_NAME);
        lake.registerKey(rsa.user(), key.keyId(), tokenKey.publicKey());

        String token = signer().sign(rsa.claims(), key);

        JsonNode header = JSON.readTree(part(token, 0));
        assertThat(header.get("alg").textValue()).isEqualTo(algorithm.name());
        assertThat(header.get("kid").textValue()).isEqualTo(key.keyId());
        byte[] signature = part(token, 2);
        assertThat(signature).hasSize(algorithm == Algorithm.ES256 ? 64 : 256);
        assertThat(JcaSignatures.verify(algorithm, tokenKey.publicKey(), signingInput(token), signature))
                .as("signed in the token, verified with the exported public key").isTrue();
        HttpResponse<String> response = query(token);
        assertThat(response.statusCode()).as("fake Lake answered %s", response.body()).isEqualTo(200);
        Verdict verdict = lake.journal().last().verdict();
        assertThat(verdict.accepted()).as("%s", verdict).isTrue();
    }

    @Test
    void eightThreadsSigningAtOnceAllGetValidTokensOfTheirOwn() throws Exception {
        JwtSigner signer = signer();
        LakeTokenVerifier verifier = lake.verifier();
        CyclicBarrier start = new CyclicBarrier(THREADS);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                String marker = "thread-" + t;
                Callable<List<String>> task = () -> {
                    start.await(10, TimeUnit.SECONDS);
                    List<String> tokens = new ArrayList<>();
                    for (int i = 0; i < TOKENS_PER_THREAD; i++) {
                        tokens.add(signer.sign(rsa.claimsBuilder().claim("marker", marker + "-" + i).build(),
                                rsa.signingKey()));
                    }
                    return tokens;
                };
                results.add(pool.submit(task));
            }
            for (int t = 0; t < THREADS; t++) {
                List<String> tokens = results.get(t).get(60, TimeUnit.SECONDS);
                assertThat(tokens).hasSize(TOKENS_PER_THREAD);
                for (int i = 0; i < tokens.size(); i++) {
                    Verdict verdict = verifier.verify(tokens.get(i));
                    assertThat(verdict.accepted()).as("thread %d token %d: %s", t, i, verdict).isTrue();
                    assertThat(verdict.claims().get("marker")).isEqualTo("thread-" + t + "-" + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void signsWithTheJcaProviderItIsGiven() throws Exception {
        CountingProvider counting = new CountingProvider();
        JwtSigner original = signer();

        JwtSigner withProvider = original.withProvider(counting);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(withProvider.sign(rsa.claims(), rsa.signingKey()));
        }

        assertThat(counting.signatures()).as("one signature through the given provider per token").isEqualTo(3);
        assertThat(withProvider.provider()).containsSame(counting);
        assertThat(original.provider()).as("withProvider returns a new signer").isNotEqualTo(Optional.of(counting));
        for (String token : tokens) {
            assertThat(lake.verifier().verify(token).accepted()).isTrue();
        }
        int before = counting.signatures();
        original.sign(rsa.claims(), rsa.signingKey());
        assertThat(counting.signatures()).as("the original signer does not use the provider").isEqualTo(before);
        if (original.algorithms().contains(Algorithm.ES256)) {
            LakeIdentity id = ecIdentity();
            String token = withProvider.sign(id.claims(), id.signingKey());
            assertThat(counting.signatures()).as("ES256 also signs through the given provider").isEqualTo(before + 1);
            assertThat(lake.verifier().verify(token).accepted()).isTrue();
        }
    }

    @Test
    void aKeyOfTheWrongTypeFailsWithAClearSigningException() throws Exception {
        SigningKey lyingKey = SigningKey.of("lying", new EcKeyClaimingRsa(newEcKey()), Algorithm.RS256);

        Throwable failure = catchThrowable(() -> signer().sign(rsa.claims(), lyingKey));

        assertThat(failure).isInstanceOf(SigningException.class).isInstanceOf(LakeJwtException.class);
        assertThat(failure.getMessage()).contains("lying").contains("RS256");
        assertNoSecretIn(failure, lyingKey);

        Set<Algorithm> missing = EnumSet.complementOf(EnumSet.copyOf(signer().algorithms()));
        for (Algorithm unsupported : missing) {
            SigningKey key = unsupported == Algorithm.ES256
                    ? ecIdentity().signingKey() : rsa.signingKey().withAlgorithm(unsupported);
            Throwable refused = catchThrowable(() -> signer().sign(rsa.claims(), key));
            assertThat(refused).as("%s is not supported", unsupported).isInstanceOf(SigningException.class);
            assertThat(refused.getMessage()).contains(unsupported.name()).contains(signer().name());
            assertNoSecretIn(refused, key);
        }
    }

    @Test
    void noPatKeyMaterialOrTokenInToStringOrMessages() {
        String token = signer().sign(rsa.claims(), rsa.signingKey());
        CountingProvider counting = new CountingProvider();

        for (Object shown : List.of(signer(), signer().withProvider(counting), rsa.signingKey(), rsa.claims(),
                rsa.credentials(), DecodedToken.decode(token))) {
            String text = String.valueOf(shown);
            assertThat(text).as("toString of %s", shown.getClass().getSimpleName())
                    .doesNotContain(SECRET_PAT).doesNotContain(token).doesNotContain(part64(token, 1));
            assertThat(text).doesNotContain(encoded(rsa.privateKey()));
        }
        Throwable failure = catchThrowable(() -> signer().sign(rsa.claims(),
                SigningKey.of("lying", new EcKeyClaimingRsa(newEcKey()), Algorithm.RS256)));
        assertThat(failure).isNotNull();
        assertThat(String.valueOf(failure)).doesNotContain(SECRET_PAT);
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThatThrownBy(() -> signer().sign(null, rsa.signingKey())).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> signer().sign(rsa.claims(), null)).isInstanceOf(NullPointerException.class);
    }

    private HttpResponse<String> query(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(lake.baseUrl() + "/api/tdrest/systems/"
                        + lake.defaultSystem() + "/queries"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}"))
                .build();
        return lake.httpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Asserts that neither the message nor any cause's message holds the PAT, the key or a token. */
    private static void assertNoSecretIn(Throwable failure, SigningKey key) {
        String keyMaterial = key.privateKey().getEncoded() == null ? null : encoded(key.privateKey());
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String text = String.valueOf(t.getMessage()) + " " + t;
            assertThat(text).as("message of %s", t.getClass().getName()).doesNotContain(SECRET_PAT);
            if (keyMaterial != null) {
                assertThat(text).doesNotContain(keyMaterial).doesNotContain(keyMaterial.substring(0, 40));
            }
            assertThat(text).doesNotContainPattern("[A-Za-z0-9_-]{20,}\\.[A-Za-z0-9_-]{20,}\\.");
            assertThat(text).doesNotContain("-----BEGIN");
        }
    }

    private static String encoded(PrivateKey key) {
        String pem = PemEncoder.privateKeyPem(key);
        return pem.lines().filter(l -> !l.startsWith("-----")).reduce("", String::concat);
    }

    private static byte[] part(String token, int index) {
        return Base64.getUrlDecoder().decode(token.split("\\.", -1)[index]);
    }

    private static String part64(String token, int index) {
        return token.split("\\.", -1)[index];
    }

    private static byte[] signingInput(String token) {
        return token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static ECPrivateKey newEcKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return (ECPrivateKey) g.generateKeyPair().getPrivate();
    }

    /** An EC private key that says it is RSA: what a confused key store or provider can hand a signer. */
    private static final class EcKeyClaimingRsa implements ECPrivateKey {
        private static final long serialVersionUID = 1L;
        private final transient ECPrivateKey delegate;

        EcKeyClaimingRsa(ECPrivateKey delegate) {
            this.delegate = delegate;
        }

        @Override
        public String getAlgorithm() {
            return "RSA";
        }

        @Override
        public String getFormat() {
            return delegate.getFormat();
        }

        @Override
        public byte[] getEncoded() {
            return delegate.getEncoded();
        }

        @Override
        public BigInteger getS() {
            return delegate.getS();
        }

        @Override
        public ECParameterSpec getParams() {
            return delegate.getParams();
        }

        @Override
        public String toString() {
            return "EcKeyClaimingRsa";
        }
    }
}
