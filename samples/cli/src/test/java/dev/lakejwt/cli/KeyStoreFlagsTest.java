package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.testkit.FakeLake;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code token} and {@code query} with a key from a PKCS#12 key store, and the key-source flags' rules. */
class KeyStoreFlagsTest {
    private static final String PAT = "pat-KS-41a7-secret";
    private static final String STORE_PASSWORD = "store-Pass-8812";
    private static final String KEY_PASSWORD = "entry-Pass-5521";
    private static FakeLake lake;
    private static KeyPair storeKeys;

    @TempDir
    Path dir;
    private Path store;

    @BeforeAll
    static void startFake() throws Exception {
        lake = FakeLake.start();
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        storeKeys = generator.generateKeyPair();
    }

    @AfterAll
    static void stopFake() {
        lake.close();
    }

    @BeforeEach
    void writeStore() throws Exception {
        lake.reset();
        lake.registerUser("store_user", PAT).registerKey("store_user", "team-key", storeKeys.getPublic());
        store = TestKeys.writePkcs12(dir, "lake.p12", storeKeys, "team-key", STORE_PASSWORD.toCharArray(),
                STORE_PASSWORD.toCharArray());
    }

    @Test
    void tokenSignsWithTheStoreEntryTheAliasNamesUnlockedByTheNamedVariable() {
        Map<String, String> env = credentials();
        env.put("STORE_PASS", STORE_PASSWORD);

        Cli.Result run = Cli.run(env, "token", "--keystore", store.toString(), "--alias", "team-key",
                "--pin-env", "STORE_PASS").succeeded().showsNone(STORE_PASSWORD);

        Jwt jwt = Jwt.parse(run.out().strip());
        assertThat(jwt.header().get("kid").asText()).as("the alias is the default kid").isEqualTo("team-key");
        assertThat(jwt.verifiesWith(storeKeys.getPublic())).isTrue();
        assertThat(lake.verifier().verify(run.out().strip()).accepted()).isTrue();
    }

    @Test
    void queryReadsTheKeyStoreFromTheLakeVariables() {
        Map<String, String> env = credentials();
        env.put("LAKE_URL", lake.baseUrl().toString());
        env.put("LAKE_SYSTEM", lake.defaultSystem());
        env.put("LAKE_KEYSTORE", store.toString());
        env.put("LAKE_KEY_ALIAS", "team-key");
        env.put("LAKE_PIN", STORE_PASSWORD);

        Cli.Result run = Cli.run(env, "query", "SEL * FROM dbc.dbcinfo").succeeded().showsNone(STORE_PASSWORD, PAT);

        assertThat(run.out()).contains("(3 rows)");
        assertThat(lake.journal().last().accepted()).isTrue();
        assertThat(lake.journal().last().verdict().header().get("kid")).isEqualTo("team-key");
    }

    @Test
    void anEntryWithItsOwnPasswordTakesItFromThePassphraseVariable() throws Exception {
        Path twoPasswords = TestKeys.writePkcs12(dir, "two.p12", storeKeys, "team-key", STORE_PASSWORD.toCharArray(),
                KEY_PASSWORD.toCharArray());
        Map<String, String> env = credentials();
        env.put("LAKE_PIN", STORE_PASSWORD);
        env.put("ENTRY_PASS", KEY_PASSWORD);

        Cli.Result run = Cli.run(env, "token", "--keystore", twoPasswords.toString(), "--alias", "team-key",
                "--passphrase-env", "ENTRY_PASS", "--kid", "console-name").succeeded();

        Jwt jwt = Jwt.parse(run.out().strip());
        assertThat(jwt.header().get("kid").asText()).isEqualTo("console-name");
        assertThat(jwt.verifiesWith(storeKeys.getPublic())).isTrue();
    }

    @Test
    void aKeySourceFlagReplacesTheVariablesOfTheOtherSources() throws Exception {
        KeyPair pemKeys = TestKeys.rsa();
        Path pem = TestKeys.writePrivate(dir, "primary.pem", pemKeys);
        Map<String, String> env = credentials();
        env.put("LAKE_PIN", STORE_PASSWORD);
        env.put("LAKE_KEY_ALIAS", "team-key");

        env.put("LAKE_KEY_FILE", pem.toString());
        Jwt fromStore = Jwt.parse(Cli.run(env, "token", "--keystore", store.toString()).succeeded().out().strip());
        env.remove("LAKE_KEY_FILE");
        env.put("LAKE_KEYSTORE", store.toString());
        Jwt fromPem = Jwt.parse(Cli.run(env, "token", "--key", pem.toString()).succeeded().out().strip());

        assertThat(fromStore.verifiesWith(storeKeys.getPublic())).as("--keystore beats LAKE_KEY_FILE").isTrue();
        assertThat(fromPem.verifiesWith(pemKeys.getPublic())).as("--key beats LAKE_KEYSTORE").isTrue();
        assertThat(fromPem.header().get("kid").asText()).as("a PEM key's kid is its file name").isEqualTo("primary");
    }

    // Bad input: one line on stderr, exit code 2, and neither the PAT nor a password in the output.

    @Test
    void twoKeySourcesGivenAsFlagsAreRefused() throws Exception {
        Path pem = TestKeys.writePrivate(dir, "primary.pem", TestKeys.rsa());

        String error = Cli.run(withPin(), "token", "--key", pem.toString(), "--keystore", store.toString())
                .showsNone(PAT, STORE_PASSWORD).failedWith(2);

        assertThat(error).contains("both a key file").contains("--key").contains("choose one key source");
    }

    @Test
    void twoKeySourcesGivenAsVariablesAreRefused() throws Exception {
        Map<String, String> env = withPin();
        env.put("LAKE_KEYSTORE", store.toString());
        env.put("LAKE_PKCS11_LIBRARY", "/usr/lib/softhsm/libsofthsm2.so");

        String error = Cli.run(env, "token").showsNone(PAT, STORE_PASSWORD).failedWith(2);

        assertThat(error).contains("both a key store (LAKE_KEYSTORE, --keystore) and a PKCS#11 token")
                .contains("choose one key source");
    }

    @Test
    void aWrongStorePasswordIsSaidSoWithoutShowingIt() {
        Map<String, String> env = credentials();
        env.put("LAKE_PIN", "wrong-Store-Pass-31");

        String error = Cli.run(env, "token", "--keystore", store.toString(), "--alias", "team-key", "--verbose")
                .showsNone(PAT, "wrong-Store-Pass-31", STORE_PASSWORD).failedWith(2);

        assertThat(error).contains("lake.p12").contains("wrong store password").contains("LAKE_PIN")
                .contains("--pin-env");
    }

    @Test
    void anUnknownAliasListsTheEntriesOfTheStore() {
        String error = Cli.run(withPin(), "token", "--keystore", store.toString(), "--alias", "primary")
                .showsNone(PAT, STORE_PASSWORD).failedWith(2);

        assertThat(error).contains("has no entry 'primary'").contains("team-key").contains("--alias");
    }

    @Test
    void aMissingKeyStoreIsNamed() {
        String error = Cli.run(withPin(), "token", "--keystore", dir.resolve("absent.p12").toString(), "--alias", "x")
                .showsNone(PAT, STORE_PASSWORD).failedWith(2);

        assertThat(error).contains("absent.p12").contains("does not exist").contains("--keystore");
    }

    @Test
    void aPinGivenWhereItsVariableNameBelongsIsRefusedAndAnUnsetVariableIsNamed() {
        String given = Cli.run(credentials(), "token", "--keystore", store.toString(), "--pin-env", "my store pass")
                .showsNone(PAT, "my store pass").failedWith(2);
        String unset = Cli.run(credentials(), "token", "--keystore", store.toString(), "--pin-env", "STORE_PASS")
                .showsNone(PAT).failedWith(2);

        assertThat(given).contains("--pin-env takes the name of an environment variable").contains("not the PIN");
        assertThat(unset).contains("--pin-env names STORE_PASS").contains("not set");
    }

    @Test
    void slotFlagsThatCannotBeRightAreRefusedBeforeAnyTokenIsOpened() {
        String negative = Cli.run(credentials(), "token", "--pkcs11-library", "/usr/lib/softhsm/libsofthsm2.so",
                "--pkcs11-slot", "-1").failedWith(2);
        String both = Cli.run(credentials(), "token", "--pkcs11-library", "/usr/lib/softhsm/libsofthsm2.so",
                "--pkcs11-slot", "3", "--pkcs11-slot-index", "0").failedWith(2);
        String relative = Cli.run(credentials(), "token", "--pkcs11-library", "libsofthsm2.so", "--alias", "k")
                .failedWith(2);
        String noNumber = Cli.run(credentials(), "token", "--pkcs11-slot", "first").failedWith(2);
        String withFile = Cli.run(credentials(), "token", "--pkcs11-config", dir.resolve("p11.cfg").toString(),
                "--pkcs11-slot", "3", "--alias", "k").failedWith(2);

        assertThat(negative).contains("--pkcs11-slot -1 is negative");
        assertThat(both).contains("both --pkcs11-slot and --pkcs11-slot-index");
        assertThat(relative).contains("libsofthsm2.so must be an absolute path");
        assertThat(noNumber).contains("--pkcs11-slot").contains("first");
        assertThat(withFile).contains("(LAKE_PKCS11_SLOT, --pkcs11-slot) is set with a SunPKCS11 configuration file");
    }

    @Test
    void aMissingPkcs11LibraryIsNamedWithTheInstallHint() {
        Map<String, String> env = withPin();
        Path missing = dir.resolve("libmissing-pkcs11.so");

        String error = Cli.run(env, "token", "--pkcs11-library", missing.toString(), "--alias", "primary")
                .showsNone(PAT, STORE_PASSWORD).failedWith(2);

        assertThat(error).contains("PKCS#11 library is missing").contains(missing.toString())
                .contains("apt-get install softhsm2");
    }

    private static Map<String, String> credentials() {
        Map<String, String> env = new HashMap<>();
        env.put("LAKE_USER", "store_user");
        env.put("LAKE_PAT", PAT);
        env.put("LAKE_ORG_ID", lake.orgId());
        return env;
    }

    private static Map<String, String> withPin() {
        Map<String, String> env = credentials();
        env.put("LAKE_PIN", STORE_PASSWORD);
        return env;
    }
}
