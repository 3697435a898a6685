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
import dev.lakejwt.core.key.TestPem;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
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
}
