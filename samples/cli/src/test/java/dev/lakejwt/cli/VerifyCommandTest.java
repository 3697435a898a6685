package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.SigningKey;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyCommandTest {
    private static final String PAT = "pat-verify-5e3cr3t";

    @TempDir
    Path dir;
    private KeyPair pair;
    private Path publicKey;

    @BeforeEach
    void keys() throws Exception {
        pair = TestKeys.rsa();
        publicKey = TestKeys.writePublic(dir, "primary.pub.pem", pair);
    }

    @Test
    void acceptsAValidTokenAndPrintsHeaderAndClaimsWithThePatMasked() {
        String token = sign(valid());

        Cli.Result run = Cli.run(Map.of(), "verify", "--public-key", publicKey.toString(), token).succeeded();

        assertThat(run.out()).contains("header\n  alg  \"RS256\"\n  kid  \"primary\"\n  typ  \"JWT\"\n")
                .contains("  aud        [\"td:service:authentication\"]\n")
                .contains("  sub        \"demo_user\"\n").contains("  org_id     \"org-7\"\n")
                .contains("  multi-use  true\n").contains("  pat        \"<redacted>\"\n")
                .containsPattern("  exp        \\d+   \\(\\d{4}-\\d\\d-\\d\\dT.*Z, in (1 h|59 min \\d+ s)\\)")
                .contains("verdict: ACCEPTED: sub 'demo_user', kid 'primary'");
        assertThat(run.err()).isEmpty();
        run.showsNone(PAT, token);
    }

    @Test
    void rejectsAnExpiredTokenWithExitCodeOneAndTheReason() {
        long now = Instant.now().getEpochSecond();
        String token = sign(valid().toBuilder().issuedAt(now - 7200).expiresAt(now - 3600).build());

        Cli.Result run = Cli.run(Map.of(), "verify", "--public-key", publicKey.toString(), token);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("claims\n").contains(" ago)").contains("verdict: EXPIRED: ");
        assertThat(run.err().lines().toList()).singleElement().asString()
                .startsWith("lakejwt verify: token rejected: EXPIRED");
        run.showsNone(PAT, token);
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        Path otherPublic = TestKeys.writePublic(dir, "other.pub.pem", generator.generateKeyPair());
        String token = sign(valid());

        Cli.Result run = Cli.run(Map.of(), "verify", "--public-key", otherPublic.toString(), token);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("verdict: BAD_SIGNATURE");
        run.showsNone(PAT, token);
    }

    @Test
    void checksTheKidAndTheOrganizationWhenAsked() {
        String token = sign(valid());

        Cli.Result wrongKid = Cli.run(Map.of(), "verify", "--public-key", publicKey.toString(), "--kid", "other", token);
        Cli.Result wrongOrg = Cli.run(Map.of(), "verify", "--public-key", publicKey.toString(), "--org", "org-8", token);
        Cli.run(Map.of(), "verify", "--public-key", publicKey.toString(), "--kid", "primary", "--org", "org-7", token)
                .succeeded();

        assertThat(wrongKid.exitCode()).isEqualTo(1);
        assertThat(wrongKid.out()).contains("verdict: UNKNOWN_KID");
        assertThat(wrongOrg.exitCode()).isEqualTo(1);
        assertThat(wrongOrg.out()).contains("verdict: WRONG_ORGANIZATION");
    }

    @Test
    void takesTheKidAndTheOrganizationFromTheLakeVariablesWhenTheFlagsAreAbsent() {
        String token = sign(valid());

        Cli.Result wrongOrg = Cli.run(Map.of("LAKE_ORG_ID", "org-8"), "verify", "--public-key", publicKey.toString(),
                token);
        Cli.Result wrongKid = Cli.run(Map.of("LAKE_KEY_ID", "other", "LAKE_ORG_ID", "org-7"), "verify", "--public-key",
                publicKey.toString(), token);
        Cli.Result flagWins = Cli.run(Map.of("LAKE_ORG_ID", "org-8"), "verify", "--public-key", publicKey.toString(),
                "--org", "org-7", token);

        assertThat(wrongOrg.out()).contains("verdict: WRONG_ORGANIZATION");
        assertThat(wrongKid.out()).contains("verdict: UNKNOWN_KID");
        assertThat(flagWins.exitCode()).isZero();
    }

    @Test
    void readsTheTokenFromStandardInputAndTakesABearerHeaderValue() {
        String token = sign(valid());

        Cli.Result run = Cli.runWithInput(Map.of(), "Bearer " + token + "\n", "verify", "--public-key",
                publicKey.toString(), "-").succeeded();

        assertThat(run.out()).contains("verdict: ACCEPTED");
        run.showsNone(PAT, token);
    }

    @Test
    void somethingThatIsNotATokenIsRejectedWithoutBeingEchoed() {
        String notAToken = "definitely-not-a-jwt-" + PAT;

        Cli.Result run = Cli.run(Map.of(), "verify", "--public-key", publicKey.toString(), notAToken);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).startsWith("verdict: MALFORMED_TOKEN");
        run.showsNone(PAT, notAToken);
    }

    @Test
    void aPrivateKeyGivenAsThePublicKeyIsExplained() throws Exception {
        Path privateKey = TestKeys.writePrivate(dir, "primary.pem", pair);
        String token = sign(valid());

        String error = Cli.run(Map.of(), "verify", "--public-key", privateKey.toString(), token).showsNone(PAT, token)
                .failedWith(2);

        assertThat(error).contains("primary.pem").contains("private key where a public key is needed");
    }

    @Test
    void aMissingPublicKeyFileIsNamed() {
        String token = sign(valid());

        String error = Cli.run(Map.of(), "verify", "--public-key", dir.resolve("nope.pub.pem").toString(), token)
                .showsNone(PAT, token).failedWith(2);

        assertThat(error).contains("nope.pub.pem").contains("does not exist");
    }

    @Test
    void anEmptyTokenIsAnInputError() {
        assertThat(Cli.runWithInput(Map.of(), "\n", "verify", "--public-key", publicKey.toString(), "-").failedWith(2))
                .contains("no token given");
    }

    private static LakeClaims valid() {
        return ClaimsAssembler.defaults().assemble(new LakeCredentials("demo_user", PAT, "org-7"));
    }

    private String sign(LakeClaims claims) {
        return new JdkJwtSigner().sign(claims, SigningKey.of("primary", pair.getPrivate()));
    }
}
