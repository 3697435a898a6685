package dev.lakejwt.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.sign.JcaProviders;
import dev.lakejwt.core.sign.JwtSigner;
import java.security.Provider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code LAKE_JCA_PROVIDER=accp} where ACCP is on the class path (this module bundles it): every
 * signer signs every algorithm through ACCP with a key object of ACCP's own, and the JDK verifies the
 * token. What the benchmarks' {@code provider=accp} measures is therefore what a user gets.
 */
class AccpSigningTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"jdk,RS256", "jdk,PS256", "jdk,ES256", "jjwt,RS256", "jjwt,PS256", "jjwt,ES256",
        "nimbus,RS256", "nimbus,PS256", "nimbus,ES256", "jose4j,RS256", "jose4j,PS256", "jose4j,ES256"})
    void everySignerSignsThroughAccpAndTheJdkVerifies(String name, String alg) throws Exception {
        Provider accp = JcaProviders.named("accp").orElseThrow();
        Fixture fixture = Fixture.of(alg, "accp");
        JwtSigner signer = fixture.signer(name);

        String token = signer.sign(Fixture.assembler().assemble(Fixture.CREDENTIALS), fixture.key);

        assertThat(signer.provider()).containsSame(accp);
        assertThat(fixture.key.privateKey().getClass().getName()).startsWith("com.amazon.corretto.crypto.provider.");
        fixture.requireValid(token);
    }
}
