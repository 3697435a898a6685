package dev.lakejwt.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.LakeConfigException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.key.PemEncoder;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.key.TestPem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.Provider;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JcaProvidersTest {
    @TempDir
    Path dir;

    @Test
    void defaultMeansTheJdksOwnChoice() {
        assertThat(JcaProviders.named("default")).isEmpty();
        assertThat(JcaProviders.named(" JDK ")).isEmpty();
        assertThat(JcaProviders.named(null)).isEmpty();
    }

    @Test
    void accpIsFoundOnTheClassPathAndHealthy() {
        Provider accp = JcaProviders.named("accp").orElseThrow();

        assertThat(accp.getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(JcaProviders.named("ACCP")).containsSame(accp);
    }

    @Test
    void accpMissingFromTheClassPathSaysWhatToAdd() {
        ClassLoader withoutAccp = new ClassLoader(null) {
        };

        assertThatThrownBy(() -> JcaProviders.named("accp", withoutAccp))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("'accp' (Amazon Corretto Crypto Provider) is not on the class path")
                .hasMessageContaining("software.amazon.cryptools:AmazonCorrettoCryptoProvider")
                .hasMessageContaining("linux-x86_64")
                .hasMessageContaining("LAKE_JCA_PROVIDER=default");
    }

    @Test
    void aRegisteredProviderCanBeNamedAndAnUnknownOneIsListed() {
        assertThat(JcaProviders.named("SunRsaSign").orElseThrow().getName()).isEqualTo("SunRsaSign");
        assertThatThrownBy(() -> JcaProviders.named("nope"))
                .isInstanceOf(LakeConfigException.class)
                .hasMessageContaining("unknown JCA provider 'nope'").hasMessageContaining("SunRsaSign");
    }

    @Test
    void configWithAccpBindsKeyAndSignerToItAndTheTokenVerifiesWithTheJdk() throws Exception {
        KeyPair pair = TestPem.rsa(2048);
        Path key = Files.writeString(dir.resolve("primary.pem"), PemEncoder.privateKeyPem(pair.getPrivate()));
        LakeConfig config = LakeConfig.fromEnvironment(Map.of("LAKE_JCA_PROVIDER", "accp",
                "LAKE_KEY_FILE", key.toString()));

        SigningKey signingKey = config.loadSigningKey();
        JwtSigner signer = config.jwtSigner();
        String token = signer.sign(LakeClaims.builder().issuedAt(1).expiresAt(3601).orgId("o").pat("p")
                .subject("s").build(), signingKey);

        assertThat(signingKey.privateKey().getClass().getName()).startsWith("com.amazon.corretto.");
        assertThat(signer.provider().orElseThrow().getName()).isEqualTo("AmazonCorrettoCryptoProvider");
        assertThat(config.toString()).contains("provider=accp");
        int dot = token.lastIndexOf('.');
        assertThat(JcaSignatures.verify(Algorithm.RS256, pair.getPublic(),
                token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(token.substring(dot + 1)))).isTrue();
    }
}
