package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.key.KeyLoader;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code keygen --pkcs11} against a real SoftHSM token: the key pair is generated inside the token, only
 * the public key is written, and {@code token} and {@code query} then sign with the key in the token.
 */
class KeygenPkcs11Test {
    private static final String PAT = "pat-P11-77c2-secret";
    private static FakeLake lake;
    private static SoftHsm hsm;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        hsm = SoftHsm.get();
        lake = FakeLake.start();
        lake.registerUser("hsm_user", PAT);
    }

    @AfterAll
    static void stop() {
        if (lake != null) {
            lake.close();
        }
    }

    @Test
    void generatesAnRsaKeyInTheTokenWritesOnlyThePublicKeyAndTokenSignsWithIt() throws Exception {
        Cli.Result keygen = Cli.run(withPin(), "keygen", "--pkcs11", "--pkcs11-library", hsm.library().toString(),
                "--pkcs11-slot", Long.toString(hsm.slot()), "--pin-env", "TOKEN_PIN", "--name", "cli-rsa",
                "--out", dir.toString()).succeeded().showsNone(SoftHsm.PIN);

        Path publicFile = dir.resolve("cli-rsa.pub.pem");
        PublicKey publicKey = KeyLoader.loadPublicKey(publicFile);
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
        try (var files = Files.list(dir)) {
            assertThat(files).as("no private key file").containsExactly(publicFile);
        }
        assertThat(keygen.out()).contains("inside the PKCS#11 token").contains("cannot leave it")
                .contains("wrote " + publicFile).contains("kid: cli-rsa")
                .contains("lakejwt token --pkcs11-library " + hsm.library() + " --pkcs11-slot " + hsm.slot()
                        + " --alias cli-rsa");

        Map<String, String> env = withPin();
        env.putAll(credentials());
        Cli.Result token = Cli.run(env, "token", "--pkcs11-library", hsm.library().toString(), "--pkcs11-slot",
                Long.toString(hsm.slot()), "--alias", "cli-rsa", "--pin-env", "TOKEN_PIN").succeeded()
                .showsNone(SoftHsm.PIN, PAT);
        Jwt jwt = Jwt.parse(token.out().strip());
        assertThat(jwt.header().get("alg").asText()).isEqualTo("RS256");
        assertThat(jwt.header().get("kid").asText()).isEqualTo("cli-rsa");
        assertThat(jwt.verifiesWith(publicKey)).isTrue();
    }

    @Test
    void anEs256KeyFromATokenNamedByAConfigFileAndVariablesSignsAQueryTheFakeAccepts() throws Exception {
        Path config = hsm.writeConfig(dir.resolve("softhsm.cfg"), SoftHsm.MAIN_TOKEN, "cli-keygen");
        Map<String, String> env = new HashMap<>(credentials());
        env.put("LAKE_PKCS11_CONFIG", config.toString());
        env.put("LAKE_PIN", SoftHsm.PIN);
        Path out = dir.resolve("keys");

        Cli.run(env, "keygen", "--pkcs11", "--alg", "ES256", "--name", "cli-ec", "--out", out.toString())
                .succeeded().showsNone(SoftHsm.PIN);

        PublicKey publicKey = KeyLoader.loadPublicKey(out.resolve("cli-ec.pub.pem"));
        assertThat(publicKey).isInstanceOf(ECPublicKey.class);
        lake.registerKey("hsm_user", "cli-ec", publicKey);
        env.put("LAKE_URL", lake.baseUrl().toString());
        env.put("LAKE_SYSTEM", lake.defaultSystem());
        env.put("LAKE_KEY_ALIAS", "cli-ec");
        Cli.Result query = Cli.run(env, "query", "SEL * FROM dbc.dbcinfo").succeeded().showsNone(SoftHsm.PIN, PAT);

        assertThat(query.out()).contains("(3 rows)");
        assertThat(lake.journal().last().accepted()).isTrue();
        assertThat(lake.journal().last().verdict().header()).containsEntry("alg", "ES256").containsEntry("kid", "cli-ec");
    }

    @Test
    void aLabelTakenInTheTokenIsRefusedAndTheExistingKeyKept() throws Exception {
        String[] args = {"keygen", "--pkcs11", "--pkcs11-library", hsm.library().toString(), "--pkcs11-slot",
            Long.toString(hsm.slot()), "--pin-env", "TOKEN_PIN", "--name", "cli-twice", "--out", dir.toString()};
        Cli.run(withPin(), args).succeeded();
        String first = Files.readString(dir.resolve("cli-twice.pub.pem"));
        String[] forced = java.util.Arrays.copyOf(args, args.length + 1);
        forced[args.length] = "--force";

        String error = Cli.run(withPin(), forced).showsNone(SoftHsm.PIN).failedWith(2);

        assertThat(error).contains("already holds a key labelled 'cli-twice'").contains("choose another label");
        assertThat(Files.readString(dir.resolve("cli-twice.pub.pem"))).as("the public key of the kept key")
                .isEqualTo(first);
    }

    @Test
    void tokenFlagsWithoutPkcs11AndPkcs11WithoutATokenAreEachExplained() {
        String flagsWithoutSwitch = Cli.run(withPin(), "keygen", "--pkcs11-library", hsm.library().toString(),
                "--out", dir.toString()).failedWith(2);
        String switchWithoutToken = Cli.run(withPin(), "keygen", "--pkcs11", "--pin-env", "TOKEN_PIN", "--out",
                dir.toString()).failedWith(2);
        String badAlg = Cli.run(Map.of(), "keygen", "--alg", "HS256", "--out", dir.toString()).failedWith(2);

        assertThat(flagsWithoutSwitch).contains("--pkcs11-library only applies with --pkcs11");
        assertThat(switchWithoutToken).contains("--pkcs11 needs a token").contains("--pkcs11-library")
                .contains("LAKE_PKCS11_CONFIG");
        assertThat(badAlg).contains("--alg HS256 is not supported").contains("RS256").contains("ES256");
    }

    @Test
    void aWrongPinIsNamedWithoutShowingIt() {
        Map<String, String> env = Map.of("TOKEN_PIN", "9999-wrong-pin");

        String error = Cli.run(env, "keygen", "--pkcs11", "--pkcs11-library", hsm.library().toString(),
                "--pkcs11-slot", Long.toString(hsm.slot(SoftHsm.LOGIN_TOKEN)), "--pin-env", "TOKEN_PIN",
                "--name", "never", "--out", dir.toString()).showsNone("9999-wrong-pin").failedWith(2);

        assertThat(error).containsIgnoringCase("PIN").contains("LAKE_PIN");
        assertThat(dir.resolve("never.pub.pem")).doesNotExist();
    }

    private static Map<String, String> withPin() {
        Map<String, String> env = new HashMap<>();
        env.put("TOKEN_PIN", SoftHsm.PIN);
        return env;
    }

    private static Map<String, String> credentials() {
        return Map.of("LAKE_USER", "hsm_user", "LAKE_PAT", PAT, "LAKE_ORG_ID", lake.orgId());
    }
}
