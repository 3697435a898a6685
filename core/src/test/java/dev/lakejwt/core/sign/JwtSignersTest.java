package dev.lakejwt.core.sign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.internal.Redact;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.key.TestPem;
import java.security.Provider;
import java.util.EnumSet;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.junit.jupiter.api.Test;

class JwtSignersTest {
    private static final String PAT = "pat-SECRET-4711";
    private static final LakeClaims CLAIMS = LakeClaims.builder().issuedAt(1_700_000_000L).expiresAt(1_700_003_600L)
            .orgId("org-1").pat(PAT).subject("demo_user").build();

    @Test
    void findsTheJdkSignerByNameCaseInsensitively() {
        assertThat(JwtSigners.named("jdk")).isInstanceOf(JdkJwtSigner.class);
        assertThat(JwtSigners.named(" JDK ")).isInstanceOf(JdkJwtSigner.class);
        assertThat(JwtSigners.available()).contains("jdk").isSorted();
    }

    @Test
    void unknownNameListsWhatIsAvailable() {
        assertThatThrownBy(() -> JwtSigners.named("nimbuss"))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("no JwtSigner named 'nimbuss'")
                .hasMessageContaining("available: jdk")
                .hasMessageContaining("LAKE_SIGNER");
    }

    @Test
    void namedWithProviderGivesANewSignerBoundToIt() {
        Provider bc = new BouncyCastleProvider();
        JwtSigner signer = JwtSigners.named("jdk", bc);

        assertThat(signer.provider()).contains(bc);
        assertThat(JwtSigners.named("jdk").provider()).isEmpty();
        assertThat(signer.toString()).isEqualTo("JwtSigner[jdk, provider=BC]");
    }

    @Test
    void libraryFailuresAreWrappedWithTheSecretScrubbedEverywhere() throws Exception {
        JwtSigner leaky = new AbstractJwtSigner("leaky", EnumSet.of(Algorithm.RS256), null) {
            @Override
            protected String signToken(LakeClaims claims, SigningKey key, Provider provider) {
                throw new IllegalStateException("cannot sign {\"pat\":\"" + claims.pat() + "\"} for eyJhbGciOiJSUzI1NiJ9."
                        + "eyJzdWIiOiJkZW1vIn0.c2lnbmF0dXJl", new RuntimeException("inner " + claims.pat()));
            }

            @Override
            public JwtSigner withProvider(Provider provider) {
                return this;
            }
        };
        SigningKey key = SigningKey.of("primary", TestPem.rsa(2048).getPrivate());

        assertThatThrownBy(() -> leaky.sign(CLAIMS, key))
                .isInstanceOf(SigningException.class)
                .hasMessageContaining("signer 'leaky' failed to sign RS256 with key 'primary' (provider default): "
                        + "IllegalStateException")
                .hasMessageNotContaining(PAT)
                .hasMessageNotContaining("eyJzdWIiOiJkZW1vIn0")
                .satisfies(e -> {
                    Throwable cause = e.getCause();
                    assertThat(cause).isInstanceOf(Redact.RedactedCause.class);
                    assertThat(cause.toString()).startsWith("java.lang.IllegalStateException").doesNotContain(PAT);
                    assertThat(cause.getCause().getMessage()).isEqualTo("inner <redacted>");
                    assertThat(cause.getStackTrace()).isNotEmpty();
                });
    }

    @Test
    void unsupportedAlgorithmIsRefusedBeforeTheLibraryIsCalled() throws Exception {
        JwtSigner rsaOnly = new AbstractJwtSigner("rsa-only", EnumSet.of(Algorithm.RS256), null) {
            @Override
            protected String signToken(LakeClaims claims, SigningKey key, Provider provider) {
                throw new AssertionError("must not be called");
            }

            @Override
            public JwtSigner withProvider(Provider provider) {
                return this;
            }
        };
        SigningKey ec = SigningKey.of("ec", TestPem.ec("secp256r1").getPrivate());

        assertThatThrownBy(() -> rsaOnly.sign(CLAIMS, ec))
                .isInstanceOf(SigningException.class)
                .hasMessage("signer 'rsa-only' cannot sign ES256 (key 'ec'); it signs [RS256]: choose another signer or key");
    }

    @Test
    void aSignerReturningGarbageIsCaught() throws Exception {
        JwtSigner broken = new AbstractJwtSigner("broken", EnumSet.of(Algorithm.RS256), null) {
            @Override
            protected String signToken(LakeClaims claims, SigningKey key, Provider provider) {
                return "not-a-jws";
            }

            @Override
            public JwtSigner withProvider(Provider provider) {
                return this;
            }
        };

        assertThatThrownBy(() -> broken.sign(CLAIMS, SigningKey.of("k", TestPem.rsa(2048).getPrivate())))
                .isInstanceOf(SigningException.class).hasMessageContaining("no compact JWS");
    }
}
