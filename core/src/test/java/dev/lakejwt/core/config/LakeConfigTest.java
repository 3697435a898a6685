package dev.lakejwt.core.config;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.ClaimsException;
import dev.lakejwt.core.LakeConfigException;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.key.PemEncoder;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.key.TestPem;
import dev.lakejwt.core.token.RefreshAheadTokenSource;
import dev.lakejwt.core.token.TokenSource;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LakeConfigTest {
    private static final Map<String, String> ENV = Map.of(
            "LAKE_URL", "https://tddemos.innovationlabs.teradata.com",
            "LAKE_SYSTEM", "shared_demo",
            "LAKE_ORG_ID", "org-env",
            "LAKE_USER", "env_user",
            "LAKE_PAT", "pat-from-env-SECRET",
            "LAKE_KEY_FILE", "/keys/primary.pem",
            "LAKE_KEY_PASSPHRASE", "pass-SECRET",
            "LAKE_TOKEN_TTL", "600",
            "LAKE_SIGNER", "jdk");

    @RegisterExtension
    static WireMockExtension lake = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1")).build();

    @TempDir
    Path dir;

    @Test
    void readsEveryVariable() {
        LakeConfig config = LakeConfig.fromEnvironment(ENV);

        assertThat(config.requireUrl()).isEqualTo(URI.create("https://tddemos.innovationlabs.teradata.com"));
        assertThat(config.requireSystem()).isEqualTo("shared_demo");
        assertThat(config.orgId()).contains("org-env");
        assertThat(config.user()).contains("env_user");
        assertThat(config.hasPat()).isTrue();
        assertThat(config.credentials().pat()).isEqualTo("pat-from-env-SECRET");
        assertThat(config.keyFile()).isEqualTo(Path.of("/keys/primary.pem"));
        assertThat(config.keyId()).isEqualTo("primary");
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofSeconds(600));
        assertThat(config.signer()).isEqualTo("jdk");
    }

    @Test
    void defaultsWhenNothingIsSet() {
        LakeConfig config = LakeConfig.fromEnvironment(Map.of());

        assertThat(config.keyFile()).isEqualTo(Path.of("primary.pem"));
        assertThat(config.keyId()).isEqualTo("primary");
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.signer()).isEqualTo("jdk");
        assertThat(config.url()).isEmpty();
    }

    @Test
    void explicitValuesOverrideTheEnvironmentWhateverTheOrder() {
        LakeConfig before = LakeConfig.builder().orgId("org-flag").keyId("team").fromEnvironment(ENV).build();
        LakeConfig after = LakeConfig.builder().fromEnvironment(ENV).orgId("org-flag").keyId("team").build();

        for (LakeConfig config : new LakeConfig[] {before, after}) {
            assertThat(config.orgId()).contains("org-flag");
            assertThat(config.keyId()).isEqualTo("team");
            assertThat(config.user()).contains("env_user");
        }
    }

    @Test
    void blankVariablesCountAsUnset() {
        LakeConfig config = LakeConfig.fromEnvironment(Map.of("LAKE_USER", "  ", "LAKE_SIGNER", ""));

        assertThat(config.user()).isEmpty();
        assertThat(config.signer()).isEqualTo("jdk");
    }

    @Test
    void missingRequiredValuesNameTheVariableAndTheFlag() {
        LakeConfig empty = LakeConfig.fromEnvironment(Map.of());

        assertThatThrownBy(empty::requireUrl).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("set LAKE_URL or pass --url");
        assertThatThrownBy(empty::requireSystem).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("set LAKE_SYSTEM or pass --system");
        assertThatThrownBy(empty::credentials).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("set LAKE_USER or pass --sub");
        assertThatThrownBy(LakeConfig.builder().user("u").build()::credentials).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("set LAKE_PAT or pass --pat");
        assertThatThrownBy(LakeConfig.builder().user("u").pat("p").build()::credentials)
                .isInstanceOf(LakeConfigException.class).hasMessageContaining("set LAKE_ORG_ID or pass --org");
    }

    @Test
    void badValuesAreNamed() {
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_TOKEN_TTL", "1h")))
                .isInstanceOf(LakeConfigException.class)
                .hasMessage("LAKE_TOKEN_TTL='1h' is not a positive whole number of seconds (e.g. 3600)");
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_TOKEN_TTL", "0")))
                .isInstanceOf(LakeConfigException.class);
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_URL", "tddemos.innovationlabs.teradata.com")))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("LAKE_URL='tddemos.innovationlabs.teradata.com' is not a Lake URL");
        assertThatThrownBy(() -> LakeConfig.builder().url("not a url"))
                .isInstanceOf(LakeConfigException.class).hasMessageContaining("--url='not a url'");
    }

    @Test
    void unknownSignerAndTooLongTtlFailWhenUsed() throws Exception {
        Path key = TestPem.writeFile(dir, "primary.pem", TestPem.pkcs8(TestPem.rsa(2048)));
        LakeConfig base = LakeConfig.fromEnvironment(ENV).toBuilder().keyFile(key).keyPassphrase(null).build();

        assertThatThrownBy(() -> base.toBuilder().signer("nimbuss").build().newTokenSource(java.time.Clock.systemUTC()))
                .isInstanceOf(SigningException.class).hasMessageContaining("available: jdk");
        assertThatThrownBy(() -> base.toBuilder().tokenTtl(Duration.ofHours(13)).build()
                .newTokenSource(java.time.Clock.systemUTC()))
                .isInstanceOf(ClaimsException.class).hasMessageContaining("longer than 12 h");
    }

    @Test
    void toStringMasksPatAndPassphrase() {
        String text = LakeConfig.fromEnvironment(ENV).toString();

        assertThat(text).doesNotContain("pat-from-env-SECRET").doesNotContain("pass-SECRET")
                .contains("pat=<redacted>").contains("passphrase=<redacted>").contains("user=env_user");
    }

    @Test
    void passphraseIsCopiedSoTheCallerMayWipeIt() {
        char[] passphrase = "s3cret".toCharArray();
        LakeConfig.Builder builder = LakeConfig.builder().keyPassphrase(passphrase);
        java.util.Arrays.fill(passphrase, '\0');

        assertThat(builder.build().toString()).contains("passphrase=<redacted>");
    }

    @Test
    void newClientWiresKeySignerTokenSourceAndClientFromTheEnvironment() throws Exception {
        KeyPair pair = TestPem.rsa(2048);
        Path key = TestPem.writeFile(dir, "primary.pem", PemEncoder.privateKeyPem(pair.getPrivate()));
        lake.stubFor(post("/api/tdrest/systems/shared_demo/queries")
                .withHeader("Authorization", matching("Bearer [\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .willReturn(aResponse().withStatus(200)
                        .withBody("{\"results\":[{\"resultSet\":true,\"data\":[{\"x\":1}]}]}")));
        LakeConfig config = LakeConfig.builder()
                .fromEnvironment(ENV)
                .url("http://127.0.0.1:" + lake.getPort())
                .keyFile(key)
                .keyPassphrase(null)
                .build();

        assertThat(config.newClient().query(config.requireSystem(), "SEL 1").first().rows()).hasSize(1);

        LoggedRequest request = lake.getAllServeEvents().get(0).getRequest();
        String token = request.getHeader("Authorization").substring("Bearer ".length());
        String[] parts = token.split("\\.");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"RS256\",\"kid\":\"primary\",\"typ\":\"JWT\"}");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8))
                .contains("\"org_id\":\"org-env\"").contains("\"sub\":\"env_user\"")
                .contains("\"pat\":\"pat-from-env-SECRET\"");
        assertThat(JcaSignatures.verify(Algorithm.RS256, pair.getPublic(),
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(parts[2]))).isTrue();
    }

    private static final Map<String, String> KEY_STORE_ENV = Map.of(
            "LAKE_KEYSTORE", "/keys/lake.p12",
            "LAKE_KEY_ALIAS", "team-key",
            "LAKE_PIN", "pin-SECRET-42",
            "LAKE_PKCS11_SLOT_INDEX", "3");

    @Test
    void readsTheKeySourceVariablesAndTheAliasBecomesTheKid() {
        LakeConfig config = LakeConfig.fromEnvironment(KEY_STORE_ENV);

        assertThat(config.keySource()).isEqualTo(LakeConfig.KeySource.KEY_STORE);
        assertThat(config.keystore()).contains(Path.of("/keys/lake.p12"));
        assertThat(config.keyAlias()).contains("team-key");
        assertThat(config.keyId()).isEqualTo("team-key");
        assertThat(config.toBuilder().keyId("console-name").build().keyId()).isEqualTo("console-name");
        assertThat(config.toString()).contains("keystore=/keys/lake.p12", "alias=team-key", "pin=<redacted>")
                .doesNotContain("pin-SECRET-42");
    }

    @Test
    void pkcs11SettingsSelectTheTokenAndBuildItsConfiguration() {
        LakeConfig config = LakeConfig.fromEnvironment(Map.of("LAKE_PKCS11_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so",
                "LAKE_PKCS11_SLOT", "1733203194", "LAKE_KEY_ALIAS", "primary"));

        assertThat(config.keySource()).isEqualTo(LakeConfig.KeySource.PKCS11);
        assertThat(config.pkcs11Config().text()).contains("library = /usr/lib/softhsm/libsofthsm2.so",
                "slot = 1733203194", "CKA_EXTRACTABLE = false");
        assertThat(LakeConfig.fromEnvironment(Map.of("LAKE_PKCS11_LIBRARY", "/lib/p11.so", "LAKE_PKCS11_SLOT_INDEX", "2"))
                .pkcs11Config().text()).contains("slotListIndex = 2");
        assertThat(config.toString()).contains("pkcs11=/usr/lib/softhsm/libsofthsm2.so slot 1733203194");
    }

    @Test
    void twoKeySourcesOrTwoSlotsAreAnErrorNotAChoice() {
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_KEYSTORE", "a.p12", "LAKE_PKCS11_CONFIG",
                "p11.cfg")).keySource()).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("choose one key source");
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_KEYSTORE", "a.p12", "LAKE_KEY_FILE",
                "primary.pem")).loadSigningKey()).isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("both a key file (LAKE_KEY_FILE, --key) and a key store are set");
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_PKCS11_LIBRARY", "/lib/p11.so",
                "LAKE_PKCS11_SLOT", "1", "LAKE_PKCS11_SLOT_INDEX", "0")).pkcs11Config())
                .isInstanceOf(LakeConfigException.class).hasMessageContaining("--pkcs11-slot")
                .hasMessageContaining("--pkcs11-slot-index");
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_PKCS11_CONFIG", "p11.cfg",
                "LAKE_PKCS11_SLOT_INDEX", "1")).pkcs11Config())
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("a PKCS#11 slot (LAKE_PKCS11_SLOT_INDEX, --pkcs11-slot-index) is set with a "
                        + "SunPKCS11 configuration file").hasMessageContaining("--pkcs11-library");
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of("LAKE_PKCS11_SLOT", "one")))
                .isInstanceOf(LakeConfigException.class).hasMessageContaining("LAKE_PKCS11_SLOT='one' is not a whole number");
        assertThatThrownBy(() -> LakeConfig.fromEnvironment(Map.of()).generateKeyInToken(Algorithm.RS256))
                .isInstanceOf(LakeConfigException.class).hasMessageContaining("no PKCS#11 token configured");
    }

    @Test
    void loadsTheKeyStoreEntryWithThePinAsStorePassword() throws Exception {
        KeyPair pair = TestPem.rsa(2048);
        Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(TestPem.certificate(pair).getBytes(StandardCharsets.US_ASCII)));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("team-key", pair.getPrivate(), "pin-SECRET-42".toCharArray(), new Certificate[] {cert});
        Path file = dir.resolve("lake.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, "pin-SECRET-42".toCharArray());
        }
        LakeConfig config = LakeConfig.builder().fromEnvironment(KEY_STORE_ENV).keystore(file).build();

        SigningKey key = config.loadSigningKey();
        SigningKey again = config.loadSigningKey();

        assertThat(key.keyId()).isEqualTo("team-key");
        assertThat(again.privateKey().getEncoded()).as("the PIN survives loading: a copy is wiped")
                .isEqualTo(pair.getPrivate().getEncoded());
    }

    @Test
    void aTokenKeyGeneratedAndLoadedThroughTheConfigurationSignsForLake() throws Exception {
        SoftHsm hsm = SoftHsm.get();
        LakeConfig config = LakeConfig.builder().fromEnvironment(ENV).keyFile(null).keyPassphrase(null)
                .pkcs11Library(hsm.library()).pkcs11Slot(hsm.slot("main")).keyAlias("config-key")
                .pin(SoftHsm.pin()).build();

        PublicKey publicKey = config.generateKeyInToken(Algorithm.ES256);
        TokenSource tokens = config.newTokenSource(Clock.systemUTC());
        String token = tokens.token();

        assertThat(config.loadSigningKey().provider()).get().extracting(java.security.Provider::getName)
                .isEqualTo("SunPKCS11-lakejwt");
        String[] parts = token.split("\\.");
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8))
                .isEqualTo("{\"alg\":\"ES256\",\"kid\":\"config-key\",\"typ\":\"JWT\"}");
        assertThat(JcaSignatures.verify(Algorithm.ES256, publicKey,
                (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(parts[2]))).isTrue();
        assertThatThrownBy(() -> config.toBuilder().jcaProvider("SunRsaSign").build().jwtSigner())
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("LAKE_JCA_PROVIDER=SunRsaSign cannot sign with a PKCS#11 key");
        try (RefreshAheadTokenSource background = config.newRefreshAheadTokenSource(Clock.systemUTC())) {
            assertThat(background.token()).startsWith(parts[0]);
        }
    }
}
