package dev.lakejwt.testkit.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.key.PemEncoder;
import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server run as a user runs it: flags, output, the quickstart's own recipe, stopping. */
class FakeLakeMainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static KeyPair keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    /**
     * The public quickstart's Java recipe, corrected to compile: JSON strings by hand, manual
     * base64url, SHA256withRSA, java.net.http with the quickstart's three headers and body.
     */
    static HttpResponse<String> quickstartCall(URI base, String kid, String orgId, String user, String pat,
                                               java.security.PrivateKey privateKey) throws Exception {
        long iat = System.currentTimeMillis() / 1000;
        long exp = iat + 3600;
        String header = "{\"alg\":\"RS256\",\"kid\":\"" + kid + "\",\"typ\":\"JWT\"}";
        String payload = "{\"aud\":[\"td:service:authentication\"],\"iat\":" + iat + ",\"exp\":" + exp
                + ",\"iss\":\"wiki\",\"org_id\":\"" + orgId + "\",\"multi-use\":true,\"pat\":\"" + pat
                + "\",\"sub\":\"" + user + "\"}";
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(privateKey);
        rsa.update(signingInput.getBytes(StandardCharsets.UTF_8));
        String jwt = signingInput + "." + b64.encodeToString(rsa.sign());

        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/tdrest/systems/shared_demo/queries"))
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + jwt)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}"))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theQuickstartsOwnRecipeGets200AndTheDbcInfoRows() throws Exception {
        Path publicKey = dir.resolve("primary.pub.pem");
        Files.writeString(publicKey, PemEncoder.publicKeyPem(keys.getPublic()));

        StandaloneRun run = new StandaloneRun("--user", "demo_user", "--pat", "my-test-pat", "--public-key",
                publicKey.toString(), "--kid", "primary", "--org", "tddemos-org-id");
        URI base;
        try (run) {
            base = run.awaitListening();
            HttpResponse<String> response = quickstartCall(base, "primary", "tddemos-org-id", "demo_user", "my-test-pat",
                    keys.getPrivate());

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode rows = JSON.readTree(response.body()).get("results").get(0).get("data");
            assertThat(rows).extracting(r -> r.get("InfoKey").textValue())
                    .containsExactly("VERSION", "LANGUAGE SUPPORT MODE", "RELEASE");
            assertThat(base.toString()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(run.out()).contains("user:      demo_user (PAT as given)")
                    .contains("key:       primary (RSA, " + publicKey + ", of demo_user)")
                    .contains("inspector: " + base + "/__lake/")
                    .doesNotContain("my-test-pat");
            HttpResponse<String> refused = quickstartCall(base, "primary.pem", "tddemos-org-id", "demo_user",
                    "my-test-pat", keys.getPrivate());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("UNKNOWN_KID").contains("did you mean 'primary'");
        }
        assertThat(run.exit.get()).as("an interrupt stops it normally").isZero();
        assertThat(run.out()).endsWith("fake Lake stopped\n");
        try (Socket s = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress(
                    base.getHost(), base.getPort()), 1000)).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void withoutAKeyItGeneratesAnIdentityAndALakeEnvFileThatCoreReads() throws Exception {
        try (StandaloneRun run = new StandaloneRun("--out", dir.toString(), "--system", "etl", "--system", "shared_demo")) {
            URI base = run.awaitListening();
            Path env = dir.resolve("lake.env");

            Map<String, String> settings = new LinkedHashMap<>();
            for (String line : Files.readAllLines(env)) {
                String kv = line.substring("export ".length());
                settings.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
            }
            assertThat(settings).containsEntry("LAKE_URL", base.toString()).containsEntry("LAKE_SYSTEM", "etl")
                    .containsEntry("LAKE_USER", "demo_user").containsEntry("LAKE_KEY_ID", "primary")
                    .containsKeys("LAKE_PAT", "LAKE_ORG_ID", "LAKE_KEY_FILE");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(env))).isEqualTo("rw-------");
            assertThat(run.out()).doesNotContain(settings.get("LAKE_PAT")).contains("source " + env);
            LakeConfig config = LakeConfig.fromEnvironment(settings);
            assertThat(config.newClient().query(config.requireSystem(), "SEL * FROM dbc.dbcinfo").first().rows()).hasSize(3);
            assertThat(Files.exists(dir.resolve("primary.pem"))).isTrue();
        }
        assertThat(Files.exists(dir.resolve("primary.pem"))).as("--out is kept").isTrue();
    }

    @Test
    void httpsModeWritesTheCertificateToTrust() throws Exception {
        try (StandaloneRun run = new StandaloneRun("--https", "--out", dir.toString())) {
            URI base = run.awaitListening();

            assertThat(base.getScheme()).isEqualTo("https");
            assertThat(Files.readString(dir.resolve("fake-lake-ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
            assertThat(run.out()).contains("tls:       self-signed; trust " + dir.resolve("fake-lake-ca.pem"));
        }
    }

    @Test
    void badArgumentsExitWith2AndOneClearLine() throws Exception {
        Path privateKey = dir.resolve("primary.pem");
        Files.writeString(privateKey, PemEncoder.privateKeyPem(keys.getPrivate()));
        String[][] cases = {
            {"--bogus"},
            {"--user", "demo_user"},
            {"--port", "abc"},
            {"--port"},
            {"--public-key", dir.resolve("missing.pem").toString()},
            {"--public-key", privateKey.toString()},
            {"--kid", "primary"},
        };
        String[] expected = {"unknown argument '--bogus'", "one --pat per --user", "--port 'abc'", "--port needs a value",
            "missing.pem: no such file", "public key", "--kid names a --public-key"};
        for (int i = 0; i < cases.length; i++) {
            StandaloneRun run = new StandaloneRun(cases[i]);
            assertThat(run.awaitExit()).as(String.join(" ", cases[i])).isEqualTo(FakeLakeMain.USAGE);
            assertThat(run.err()).startsWith("error: ").contains(expected[i]);
            assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void helpPrintsEveryFlag() throws Exception {
        StandaloneRun run = new StandaloneRun("--help");

        assertThat(run.awaitExit()).isZero();
        for (String flag : new String[] {"--port", "--org", "--system", "--user", "--pat", "--public-key", "--kid",
            "--https", "--out"}) {
            assertThat(run.out()).contains(flag);
        }
    }

    @Test
    void aPortInUseExitsWith1() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            StandaloneRun run = new StandaloneRun("--port", String.valueOf(taken.getLocalPort()));

            assertThat(run.awaitExit()).isEqualTo(FakeLakeMain.FAILED);
            assertThat(run.err()).startsWith("error: the fake Lake could not start");
        }
    }

    @Test
    void startReturnsARunningFakeTheCallerStops() throws IOException {
        var out = new java.io.ByteArrayOutputStream();
        FakeLakeMain.Running running = FakeLakeMain.start(new String[] {"--org=org-x", "--org-name=acme"},
                new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
        try (running) {
            assertThat(running.lake().orgId()).isEqualTo("org-x");
            assertThat(running.lake().orgName()).isEqualTo("acme");
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("listening on " + running.lake().baseUrl());
        }
        assertThat(running.lake().isRunning()).isFalse();
    }
}
