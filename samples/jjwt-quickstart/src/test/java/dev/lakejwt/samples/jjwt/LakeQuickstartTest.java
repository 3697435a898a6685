package dev.lakejwt.samples.jjwt;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.JournalEntry;
import dev.lakejwt.testkit.LakeIdentity;
import dev.lakejwt.testkit.QueryAnswer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the quickstart against the fake Lake, which verifies every token for real (signature, kid,
 * audience, times, organization, user, PAT), and checks what a user sees on the console.
 */
class LakeQuickstartTest {
    private static final String SIGNED_WITH = "jjwt";
    private static FakeLake lake;
    private static LakeIdentity me;

    @BeforeAll
    static void startFakeLake() {
        lake = FakeLake.start();
        me = lake.newIdentity("demo_user");
    }

    @AfterAll
    static void stopFakeLake() {
        lake.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        lake.journal().clear();
    }

    @Test
    void printsTheRowsOfDbcInfo() {
        Result result = run(environment(me));

        assertEquals(0, result.status(), result.err());
        assertEquals(List.of(
                "3 rows from SEL * FROM dbc.dbcinfo on shared_demo (token signed with " + SIGNED_WITH + ")",
                "InfoKey=VERSION, InfoData=17.20.03.09",
                "InfoKey=LANGUAGE SUPPORT MODE, InfoData=Standard",
                "InfoKey=RELEASE, InfoData=17.20.03.09"), result.out().lines().toList());
        assertEquals("", result.err());
    }

    @Test
    void sendsLakesRequestWithExactlyLakesHeaderAndClaims() {
        run(environment(me));

        JournalEntry request = lake.journal().last();
        Map<String, Object> claims = request.verdict().claims();
        assertAll(
                () -> assertTrue(request.accepted(), request.verdict().message()),
                () -> assertEquals("POST /api/tdrest/systems/shared_demo/queries", request.method() + " " + request.path()),
                () -> assertEquals("application/json", request.headers().get("accept")),
                () -> assertEquals("application/json", request.headers().get("content-type")),
                () -> assertEquals("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}", request.body()),
                () -> assertEquals(Map.of("alg", "RS256", "kid", me.keyId(), "typ", "JWT"), request.verdict().header()),
                () -> assertEquals(Set.of("aud", "iat", "exp", "iss", "org_id", "multi-use", "pat", "sub"), claims.keySet()),
                () -> assertEquals(List.of("td:service:authentication"), claims.get("aud"), "aud must be a JSON array"),
                () -> assertEquals(3600L, (Long) claims.get("exp") - (Long) claims.get("iat")),
                () -> assertEquals("wiki", claims.get("iss")),
                () -> assertEquals(lake.orgId(), claims.get("org_id")),
                () -> assertEquals(Boolean.TRUE, claims.get("multi-use")),
                () -> assertEquals(me.pat(), claims.get("pat")),
                () -> assertEquals(me.user(), claims.get("sub")));
    }

    /** jjwt's {@code signWith(key)} without an algorithm would pick RS384 for this key; Lake refuses it. */
    @Test
    void signsRs256EvenWithAKeyLargerThan2048Bits(@TempDir Path dir) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(3072);
        KeyPair keyPair = generator.generateKeyPair();
        lake.registerUser("big_key_user", "pat-of-big-key-user");
        lake.registerKey("big_key_user", "big", keyPair.getPublic());

        Result result = run(environment("big_key_user", "pat-of-big-key-user", writePkcs8(keyPair, dir.resolve("big.pem"))));

        assertEquals(0, result.status(), result.err());
        assertEquals("RS256", lake.journal().last().verdict().header().get("alg"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"LAKE_URL", "LAKE_SYSTEM", "LAKE_ORG_ID", "LAKE_USER", "LAKE_PAT"})
    void aMissingSettingIsOneLineNamingTheVariable(String variable) {
        Map<String, String> env = environment(me);
        env.remove(variable);

        Result result = run(env);

        assertFailedWithOneLine(result, env, "error: " + variable + " is not set: export " + variable + "=<");
        assertTrue(lake.journal().isEmpty(), "nothing was sent");
    }

    @Test
    void aMissingKeyFileNamesTheFileAndTheVariable(@TempDir Path dir) {
        Map<String, String> env = environment(me);
        env.put("LAKE_KEY_FILE", dir.resolve("primary.pem").toString());

        Result result = run(env);

        assertFailedWithOneLine(result, env, "error: key file " + dir.resolve("primary.pem") + " not found");
        assertTrue(result.err().contains("LAKE_KEY_FILE"), result.err());
    }

    @Test
    void aPublicKeyGivenAsTheKeyFileIsRefusedWithTheFix() {
        Map<String, String> env = environment(me);
        env.put("LAKE_KEY_FILE", me.pemFiles().publicKey().toString());

        Result result = run(env);

        assertFailedWithOneLine(result, env, "error: " + me.pemFiles().publicKey() + " is not an unencrypted PKCS#8 private key");
        assertTrue(result.err().contains("LAKE_KEY_FILE"), result.err());
    }

    @Test
    void aUrlThatIsNotOneIsRefusedBeforeAnythingIsSent() {
        Map<String, String> env = environment(me);
        env.put("LAKE_URL", "myorg.innovationlabs.teradata.com");

        Result result = run(env);

        assertFailedWithOneLine(result, env, "error: LAKE_URL=myorg.innovationlabs.teradata.com is not an http(s) URL");
    }

    @Test
    void aLakeThatDoesNotAnswerNamesTheUrl() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Map<String, String> env = environment(me);
        env.put("LAKE_URL", "http://127.0.0.1:" + closedPort);

        Result result = run(env);

        assertFailedWithOneLine(result, env, "error: cannot connect to http://127.0.0.1:" + closedPort + ": check LAKE_URL");
    }

    @ParameterizedTest
    @CsvSource({
        "LAKE_KEY_ID, not-the-console-key-name, UNKNOWN_KID",
        "LAKE_PAT, pat-that-lake-never-issued, PAT_INVALID",
        "LAKE_ORG_ID, 00000000-0000-0000-0000-000000000000, WRONG_ORGANIZATION"})
    void aRefusedTokenShowsLakesReasonAndTheLikelyFixButNoSecret(String variable, String wrongValue, String reason) {
        Map<String, String> env = environment(me);
        env.put(variable, wrongValue);

        Result result = run(env);

        assertFailedWithOneLine(result, env, "error: Lake answered HTTP 401 \"token rejected (" + reason + ")");
        assertTrue(result.err().contains("check LAKE_KEY_ID"), result.err());
        assertEquals(reason, lake.journal().last().verdict().code());
    }

    @Test
    void anSqlErrorShowsTheTeradataCodeAndMessage() {
        lake.stubQuery("SEL * FROM dbc.dbcinfo", QueryAnswer.objectDoesNotExist("dbc.dbcinfo"));
        try {
            Map<String, String> env = environment(me);

            Result result = run(env);

            assertFailedWithOneLine(result, env,
                    "error: Lake answered HTTP 420 \"3807 Object 'dbc.dbcinfo' does not exist.\": the database rejected the SQL");
        } finally {
            lake.clearStubs();
        }
    }

    /** The variables a user exports, for {@code identity} on the fake; LAKE_KEY_ID comes from the file name. */
    private static Map<String, String> environment(LakeIdentity identity) {
        return environment(identity.user(), identity.pat(), identity.pemFiles().privateKey());
    }

    private static Map<String, String> environment(String user, String pat, Path keyFile) {
        Map<String, String> env = new HashMap<>();
        env.put("LAKE_URL", lake.baseUrl().toString());
        env.put("LAKE_SYSTEM", lake.defaultSystem());
        env.put("LAKE_ORG_ID", lake.orgId());
        env.put("LAKE_USER", user);
        env.put("LAKE_PAT", pat);
        env.put("LAKE_KEY_FILE", keyFile.toString());
        return env;
    }

    private static void assertFailedWithOneLine(Result result, Map<String, String> env, String expectedStart) {
        assertAll(
                () -> assertEquals(1, result.status()),
                () -> assertEquals("", result.out()),
                () -> assertEquals(1, result.err().lines().count(), result.err()),
                () -> assertTrue(result.err().startsWith(expectedStart), result.err()),
                () -> assertFalse(env.containsKey("LAKE_PAT") && result.err().contains(env.get("LAKE_PAT")), "PAT shown"),
                () -> assertFalse(result.err().contains("eyJ"), "token shown"));
    }

    private static Path writePkcs8(KeyPair keyPair, Path file) throws IOException {
        String base64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keyPair.getPrivate().getEncoded());
        return Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + base64 + "\n-----END PRIVATE KEY-----\n");
    }

    private static Result run(Map<String, String> env) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = LakeQuickstart.run(env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int status, String out, String err) {
    }
}
