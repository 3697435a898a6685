package dev.lakejwt.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.jjwt.JjwtSigner;
import dev.lakejwt.jose4j.Jose4jSigner;
import dev.lakejwt.nimbus.NimbusSigner;
import java.security.Provider;
import java.security.Security;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** With every adapter on one class path, each signer is found by its name, alone and with a provider. */
class SignerSelectionTest {
    private static final Map<String, Class<? extends JwtSigner>> TYPES = Map.of("jdk", JdkJwtSigner.class,
            "jjwt", JjwtSigner.class, "nimbus", NimbusSigner.class, "jose4j", Jose4jSigner.class);
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat("pat-1").subject("demo_user").build();

    @Test
    void allFourSignersAreAvailable() {
        assertThat(JwtSigners.available()).containsExactly("jdk", "jjwt", "jose4j", "nimbus");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jjwt", "nimbus", "jose4j"})
    void eachSignerIsFoundByItsName(String name) {
        JwtSigner signer = JwtSigners.named(name.toUpperCase(java.util.Locale.ROOT));

        assertThat(signer).isInstanceOf(TYPES.get(name));
        assertThat(signer.name()).isEqualTo(name);
        assertThat(signer.algorithms()).containsExactlyInAnyOrder(Algorithm.values());
        assertThat(signer.provider()).isEmpty();
        assertThat(LakeConfig.builder().signer(name).build().jwtSigner()).isInstanceOf(TYPES.get(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk", "jjwt", "nimbus", "jose4j"})
    void eachSignerTakesAProviderByName(String name) {
        Provider sunRsaSign = Security.getProvider("SunRsaSign");

        JwtSigner signer = JwtSigners.named(name, sunRsaSign);

        assertThat(signer).isInstanceOf(TYPES.get(name));
        assertThat(signer.provider()).containsSame(sunRsaSign);
        assertThat(JwtSigners.named(name).provider()).as("the shared signer is untouched").isEmpty();
        assertThat(signer.sign(CLAIMS, TestKeys.signingKey(Algorithm.RS256)))
                .isEqualTo(new JdkJwtSigner().sign(CLAIMS, TestKeys.signingKey(Algorithm.RS256)));
    }
}
