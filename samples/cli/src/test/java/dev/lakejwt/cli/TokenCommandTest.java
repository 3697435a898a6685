package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.config.Setting;
import dev.lakejwt.core.sign.JwtSigners;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenCommandTest {
    private static final String PAT = "pat-Zq81-very-secret";
    private static final String PASSPHRASE = "correct horse battery";

    @TempDir
    Path dir;
    private KeyPair pair;
    private Path key;

    @BeforeEach
    void writeKey() throws Exception {
        pair = TestKeys.rsa();
        key = TestKeys.writePrivate(dir, "primary.pem", pair);
    }

    @Test
    void printsOnlyTheSignedTokenWithTheLakeClaims() {
        long before = Instant.now().getEpochSecond();

        Cli.Result run = Cli.run(Map.of(), "token", "--key", key.toString(), "--sub", "demo_user", "--pat", PAT,
                "--org", "org-7").succeeded();

        assertThat(run.err()).isEmpty();
        assertThat(run.out()).endsWith("\n");
        String token = run.out().strip();
        assertThat(run.out().lines()).hasSize(1);
        Jwt jwt = Jwt.parse(token);
        assertThat(jwt.header().toString()).isEqualTo("{\"alg\":\"RS256\",\"kid\":\"primary\",\"typ\":\"JWT\"}");
        assertThat(jwt.payload().get("aud").isArray()).isTrue();
        assertThat(jwt.payload().get("aud").get(0).asText()).isEqualTo("td:service:authentication");
        assertThat(jwt.payload().get("sub").asText()).isEqualTo("demo_user");
        assertThat(jwt.payload().get("pat").asText()).isEqualTo(PAT);
        assertThat(jwt.payload().get("org_id").asText()).isEqualTo("org-7");
        assertThat(jwt.payload().get("iss").asText()).isEqualTo("wiki");
        assertThat(jwt.payload().get("multi-use").asBoolean()).isTrue();
        long iat = jwt.payload().get("iat").asLong();
        assertThat(iat).isBetween(before, Instant.now().getEpochSecond());
        assertThat(jwt.payload().get("exp").asLong() - iat).isEqualTo(3600);
        assertThat(jwt.verifiesWith(pair.getPublic())).isTrue();
    }

    @Test
    void takesWhatTheFlagsLeaveOutFromTheLakeVariablesAndFlagsWin() {
        Map<String, String> env = Map.of("LAKE_USER", "env_user", "LAKE_PAT", PAT, "LAKE_ORG_ID", "env-org",
                "LAKE_KEY_FILE", key.toString(), "LAKE_KEY_ID", "env-kid", "LAKE_TOKEN_TTL", "600");

        Jwt fromEnv = Jwt.parse(Cli.run(env, "token").succeeded().out().strip());
        Jwt flagsWin = Jwt.parse(Cli.run(env, "token", "--sub", "flag_user", "--kid", "flag-kid", "--ttl", "120",
                "--iss", "tdmodelops").succeeded().out().strip());

        assertThat(fromEnv.header().get("kid").asText()).isEqualTo("env-kid");
        assertThat(fromEnv.payload().get("sub").asText()).isEqualTo("env_user");
        assertThat(fromEnv.payload().get("org_id").asText()).isEqualTo("env-org");
        assertThat(fromEnv.payload().get("exp").asLong() - fromEnv.payload().get("iat").asLong()).isEqualTo(600);
        assertThat(flagsWin.header().get("kid").asText()).isEqualTo("flag-kid");
        assertThat(flagsWin.payload().get("sub").asText()).isEqualTo("flag_user");
        assertThat(flagsWin.payload().get("iss").asText()).isEqualTo("tdmodelops");
        assertThat(flagsWin.payload().get("exp").asLong() - flagsWin.payload().get("iat").asLong()).isEqualTo(120);
    }

    @Test
    void doesNotNeedOrCheckTheUrlAndSystemOfQueries() {
        Map<String, String> env = new HashMap<>(credentials());
        env.put("LAKE_URL", "not a url");
        env.put("LAKE_SYSTEM", "x");

        Cli.Result run = Cli.run(env, "token").succeeded();

        assertThat(Jwt.parse(run.out().strip()).verifiesWith(pair.getPublic())).isTrue();
    }

    static Stream<String> signers() {
        return JwtSigners.available().stream();
    }

    @ParameterizedTest
    @MethodSource("signers")
    void everySignerOnTheClassPathSignsAVerifiableToken(String signer) {
        Cli.Result run = Cli.run(credentials(), "token", "--signer", signer).succeeded();

        Jwt jwt = Jwt.parse(run.out().strip());
        assertThat(jwt.verifiesWith(pair.getPublic())).as(signer).isTrue();
        assertThat(jwt.payload().get("aud").isArray()).as(signer + ": aud is an array").isTrue();
    }

    @Test
    void decryptsAnEncryptedKeyWithThePassphraseFromTheNamedVariable() throws Exception {
        Path encrypted = TestKeys.writeEncrypted(dir, "locked.pem", pair, PASSPHRASE.toCharArray());
        Map<String, String> env = new HashMap<>(credentials());
        env.put("MY_KEY_PASS", PASSPHRASE);

        Cli.Result run = Cli.run(env, "token", "--key", encrypted.toString(), "--passphrase-env", "MY_KEY_PASS")
                .succeeded();

        Jwt jwt = Jwt.parse(run.out().strip());
        assertThat(jwt.header().get("kid").asText()).isEqualTo("locked");
        assertThat(jwt.verifiesWith(pair.getPublic())).isTrue();
    }

    @Test
    void everySettingFlagOfCoreIsAnOptionOfTokenOrQuery() {
        var token = LakeJwtCli.commandLine(Map.of()).getSubcommands().get("token").getCommandSpec();
        var query = LakeJwtCli.commandLine(Map.of()).getSubcommands().get("query").getCommandSpec();

        for (Setting setting : Setting.values()) {
            boolean apiOnly = setting == Setting.URL || setting == Setting.SYSTEM;
            assertThat(query.findOption(setting.flag())).as("query " + setting.flag()).isNotNull();
            assertThat(token.findOption(setting.flag()) != null || apiOnly).as("token " + setting.flag()).isTrue();
        }
    }

    // Bad input: one clear line on stderr, exit code 2, and no secret in the output.

    @Test
    void aMissingKeyFileIsNamed() {
        String error = Cli.run(credentials(), "token", "--key", dir.resolve("nope.pem").toString())
                .showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).startsWith("lakejwt token: ").contains("nope.pem").contains("does not exist");
    }

    @Test
    void aPublicKeyGivenAsTheKeyIsExplained() throws Exception {
        Path publicKey = TestKeys.writePublic(dir, "primary.pub.pem", pair);

        String error = Cli.run(credentials(), "token", "--key", publicKey.toString()).showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).contains("primary.pub.pem").containsIgnoringCase("public key").contains("not a private key");
    }

    @Test
    void aWrongPassphraseIsSaidSoWithoutShowingEitherPassphrase() throws Exception {
        Path encrypted = TestKeys.writeEncrypted(dir, "locked.pem", pair, PASSPHRASE.toCharArray());
        Map<String, String> env = new HashMap<>(credentials());
        env.put("MY_KEY_PASS", "wrong-Passphrase-42");

        Cli.Result run = Cli.run(env, "token", "--key", encrypted.toString(), "--passphrase-env", "MY_KEY_PASS");

        String error = run.showsNone(PAT, PASSPHRASE, "wrong-Passphrase-42").failedWith(2);
        assertThat(error).contains("locked.pem").contains("wrong passphrase");
    }

    @Test
    void aPassphraseVariableThatIsNotSetIsNamed() throws Exception {
        Path encrypted = TestKeys.writeEncrypted(dir, "locked.pem", pair, PASSPHRASE.toCharArray());

        String error = Cli.run(credentials(), "token", "--key", encrypted.toString(), "--passphrase-env", "MY_KEY_PASS")
                .showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).contains("--passphrase-env names MY_KEY_PASS").contains("not set");
    }

    @Test
    void aPassphraseGivenWhereItsVariableNameBelongsIsRefused() {
        String error = Cli.run(credentials(), "token", "--passphrase-env", PASSPHRASE).showsNone(PAT, PASSPHRASE)
                .failedWith(2);

        assertThat(error).contains("name of an environment variable");
    }

    @Test
    void anUnknownSignerListsTheKnownOnes() {
        String error = Cli.run(credentials(), "token", "--signer", "jwtlib").showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).contains("unknown signer 'jwtlib'").contains("--signer").contains("LAKE_SIGNER")
                .contains(String.join(", ", JwtSigners.available()));
    }

    static Stream<Arguments> missingCredentials() {
        return Stream.of(
                Arguments.of("LAKE_ORG_ID", "--org"),
                Arguments.of("LAKE_USER", "--sub"),
                Arguments.of("LAKE_PAT", "--pat"));
    }

    @ParameterizedTest
    @MethodSource("missingCredentials")
    void aMissingOrgUserOrPatNamesTheFlagAndTheVariable(String variable, String flag) {
        Map<String, String> env = new HashMap<>(credentials());
        env.remove(variable);

        String error = Cli.run(env, "token").showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).contains("missing").contains(variable).contains(flag);
    }

    @Test
    void aLifetimeOutOfRangeNamesTheFlagAndTheRange() {
        String error = Cli.run(credentials(), "token", "--ttl", "86400").showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).contains("--ttl 86400").contains("1 to 43200");
    }

    @Test
    void theAccpProviderWithoutItsJarSaysHowToEnableIt() {
        String error = Cli.run(credentials(), "token", "--provider", "accp").showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).contains("accp").contains("AmazonCorrettoCryptoProvider").contains("LAKEJWT_CLASSPATH");
    }

    @Test
    void aSecretAfterAMisspeltFlagIsNotEchoed() {
        String error = Cli.run(Map.of(), "token", "--key", key.toString(), "--pta", PAT).showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).isEqualTo("lakejwt token: unknown option '--pta' (did you mean --pat?) and 1 argument with "
                + "no place (not shown: it may be a secret) (see 'lakejwt token --help')");
    }

    @Test
    void verboseAddsNothingWhenTheErrorHasNoCause() {
        Map<String, String> env = new HashMap<>(credentials());
        env.put("LAKE_JCA_PROVIDER", "accp");

        String error = Cli.run(env, "token", "--verbose").showsNone(PAT, PASSPHRASE).failedWith(2);

        assertThat(error).startsWith("lakejwt token: JCA provider 'accp'");
    }

    @Test
    void helpDescribesEveryFlagAndTheExitCodes() {
        Cli.Result run = Cli.run(Map.of(), "token", "--help").succeeded();

        assertThat(run.out()).contains("Usage: lakejwt token").contains("--signer=NAME").contains("--key=FILE")
                .contains("--passphrase-env=VAR").contains("--kid=KID").contains("--sub=USER").contains("--pat=PAT")
                .contains("--org=ORG").contains("--ttl=SECONDS").contains("--iss=ISS").contains("--provider")
                .contains("--keystore=FILE").contains("--alias=NAME").contains("--pin-env=VAR")
                .contains("--pkcs11-config=FILE").contains("--pkcs11-library=FILE").contains("--pkcs11-slot=ID")
                .contains("--pkcs11-slot-index=N")
                .contains("Prefer LAKE_PAT").contains("Exit codes:");
        assertThat(run.err()).isEmpty();
    }

    /** Everything needed to sign, plus a passphrase (unused by the plain key) that must never be shown either. */
    private Map<String, String> credentials() {
        return Map.of("LAKE_USER", "demo_user", "LAKE_PAT", PAT, "LAKE_ORG_ID", "org-7", "LAKE_KEY_FILE", key.toString(),
                "LAKE_KEY_PASSPHRASE", PASSPHRASE);
    }
}
