package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.JournalEntry;
import dev.lakejwt.testkit.LakeIdentity;
import dev.lakejwt.testkit.QueryAnswer;
import dev.lakejwt.testkit.verify.RejectionReason;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueryCommandTest {
    private static final String SQL = "SEL * FROM dbc.dbcinfo";
    /** Set in every run (the plain key ignores it): it must never be shown either. */
    private static final String PASSPHRASE = "unused-passphrase-77";
    private static FakeLake lake;
    private LakeIdentity me;

    @BeforeAll
    static void startFake() {
        lake = FakeLake.start();
    }

    @AfterAll
    static void stopFake() {
        lake.close();
    }

    @BeforeEach
    void newUser() {
        lake.reset();
        me = lake.newIdentity("demo_user");
    }

    @Test
    void printsTheResultAsAnAlignedTableSignedWithTheConfiguredKey() {
        Cli.Result run = Cli.run(environment(), "query", SQL).succeeded();

        assertThat(run.out()).isEqualTo(""
                + "InfoKey                InfoData\n"
                + "---------------------  -----------\n"
                + "VERSION                17.20.03.09\n"
                + "LANGUAGE SUPPORT MODE  Standard\n"
                + "RELEASE                17.20.03.09\n"
                + "(3 rows)\n");
        assertThat(run.err()).isEmpty();
        JournalEntry request = lake.journal().last();
        assertThat(request.accepted()).isTrue();
        assertThat(request.path()).isEqualTo("/api/tdrest/systems/" + lake.defaultSystem() + "/queries");
        assertThat(request.verdict().subject()).contains("demo_user");
        assertThat(request.body()).contains("\"logMech\":\"JWT\"");
        run.showsNone(me.pat(), PASSPHRASE);
        run.showsNone(sentTokens());
    }

    @Test
    void printsJsonInQueryServicesShape() throws Exception {
        Cli.Result run = Cli.run(environment(), "query", "--format", "json", SQL).succeeded();

        JsonNode root = new ObjectMapper().readTree(run.out());
        JsonNode result = root.get("results").get(0);
        assertThat(result.get("rowCount").asLong()).isEqualTo(3);
        assertThat(result.get("data").get(2).get("InfoKey").asText()).isEqualTo("RELEASE");
        assertThat(result.get("columns").get(0).get("name").asText()).isEqualTo("InfoKey");
    }

    @Test
    void printsCsvAndSendsTheRowLimit() {
        Cli.Result run = Cli.run(environment(), "query", "--format", "csv", "--row-limit", "2", SQL).succeeded();

        assertThat(run.out()).isEqualTo("InfoKey,InfoData\nVERSION,17.20.03.09\nLANGUAGE SUPPORT MODE,Standard\n");
        assertThat(lake.journal().last().body()).contains("\"rowLimit\":2");
        assertThat(run.err()).contains("the row limit cut the result (2 of 3 rows)");
    }

    @Test
    void printsUpdateCountsAndEveryStatementOfARequest() {
        lake.stubQuery("UPDATE t SET x = 1", QueryAnswer.updateCount(4));

        Cli.Result run = Cli.run(environment(), "query", "UPDATE t SET x = 1").succeeded();

        assertThat(run.out()).isEqualTo("(4 rows affected)\n");
    }

    @Test
    void flagsWinOverTheEnvironment() {
        Map<String, String> env = environment();
        env.put("LAKE_URL", "http://127.0.0.1:1");
        env.put("LAKE_SYSTEM", "nowhere");
        env.put("LAKE_USER", "someone_else");

        Cli.run(env, "query", "--url", lake.baseUrl().toString(), "--system", lake.defaultSystem(), "--sub",
                "demo_user", SQL).succeeded();

        assertThat(lake.journal().last().accepted()).isTrue();
    }

    @Test
    void everySignerOnTheClassPathIsAccepted() {
        for (String signer : dev.lakejwt.core.sign.JwtSigners.available()) {
            Cli.run(environment(), "query", "--signer", signer, SQL).succeeded();

            assertThat(lake.journal().last().accepted()).as(signer).isTrue();
        }
    }

    // Bad input and refusals: one clear line on stderr, no PAT, no passphrase, no token.

    @Test
    void aRefusedTokenShowsLakesMessageAndTheLikelyCauses() {
        Cli.Result run = Cli.run(environment(), "query", "--kid", "primary.pem", SQL);

        String error = run.showsNone(me.pat(), PASSPHRASE).showsNone(sentTokens()).failedWith(1);
        assertThat(error).startsWith("lakejwt query: Lake answered 401")
                .contains("UNKNOWN_KID").contains("did you mean 'primary'")
                .contains("likely causes").contains("kid").contains("PAT expired").contains("org_id is wrong");
        assertThat(lake.journal().rejected(RejectionReason.UNKNOWN_KID)).hasSize(2);
    }

    @Test
    void anExpiredPatIsRefusedWithLakesReason() {
        lake.expirePat(me.pat());

        String error = Cli.run(environment(), "query", SQL).showsNone(me.pat(), PASSPHRASE).showsNone(sentTokens())
                .failedWith(1);

        assertThat(error).contains("401").contains("PAT_EXPIRED");
    }

    @Test
    void aSqlErrorShowsTheTeradataCodeAndMessage() {
        lake.stubQuery("SEL * FROM nope", QueryAnswer.error("3807", "Object 'nope' does not exist."));

        String error = Cli.run(environment(), "query", "SEL * FROM nope").showsNone(me.pat(), PASSPHRASE)
                .showsNone(sentTokens()).failedWith(1);

        assertThat(error).isEqualTo("lakejwt query: Lake answered 420 to POST /api/tdrest/systems/"
                + lake.defaultSystem() + "/queries: [3807] Object 'nope' does not exist. (a database error: the SQL ran "
                + "and Teradata rejected it)");
    }

    @Test
    void aUrlThatDoesNotAnswerNamesTheHostAndSaysItTimedOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Map<String, String> env = environment();
            env.put("LAKE_URL", "http://127.0.0.1:" + silent.getLocalPort());

            String error = Cli.run(env, "query", "--timeout", "1", SQL).showsNone(me.pat(), PASSPHRASE).failedWith(1);

            assertThat(error).startsWith("lakejwt query: timed out: ").contains("127.0.0.1:" + silent.getLocalPort())
                    .contains("within 1 s").contains("--timeout");
        }
    }

    @Test
    void aUrlThatRefusesConnectionsIsNamed() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, String> env = environment();
        env.put("LAKE_URL", "http://127.0.0.1:" + port);

        String error = Cli.run(env, "query", SQL).showsNone(me.pat(), PASSPHRASE).failedWith(1);

        assertThat(error).contains("could not connect to 127.0.0.1:" + port).contains("LAKE_URL");
    }

    @Test
    void verboseAddsTheCauseChainOneLineEachStillWithoutSecrets() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, String> env = environment();
        env.put("LAKE_URL", "http://127.0.0.1:" + port);

        Cli.Result run = Cli.run(env, "query", "--verbose", SQL).showsNone(me.pat(), PASSPHRASE);

        assertThat(run.exitCode()).isEqualTo(1);
        List<String> lines = run.err().lines().toList();
        assertThat(lines.get(0)).startsWith("lakejwt query: could not connect to 127.0.0.1:" + port);
        assertThat(lines.subList(1, lines.size())).isNotEmpty().allMatch(l -> l.startsWith("  caused by: "))
                .anyMatch(l -> l.contains("java.net.ConnectException"));
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void aMissingUrlOrSystemNamesTheFlagAndTheVariable() {
        Map<String, String> noUrl = environment();
        noUrl.remove("LAKE_URL");
        Map<String, String> noSystem = environment();
        noSystem.remove("LAKE_SYSTEM");

        assertThat(Cli.run(noUrl, "query", SQL).showsNone(me.pat(), PASSPHRASE).failedWith(2)).contains("LAKE_URL")
                .contains("--url");
        assertThat(Cli.run(noSystem, "query", SQL).showsNone(me.pat(), PASSPHRASE).failedWith(2)).contains("LAKE_SYSTEM")
                .contains("--system");
        assertThat(lake.journal().isEmpty()).as("nothing was sent").isTrue();
    }

    @Test
    void aMissingPatNamesTheFlagAndTheVariableBeforeAnythingIsSent() {
        Map<String, String> env = environment();
        env.remove("LAKE_PAT");

        assertThat(Cli.run(env, "query", SQL).failedWith(2)).contains("LAKE_PAT").contains("--pat");
        assertThat(lake.journal().isEmpty()).isTrue();
    }

    @Test
    void unquotedSqlIsExplainedWithoutEchoingTheArguments() {
        String error = Cli.run(environment(), "query", "SEL", "*", "FROM", "dbc.dbcinfo").showsNone(me.pat(), PASSPHRASE)
                .failedWith(2);

        assertThat(error).isEqualTo("lakejwt query: 3 arguments too many (not shown: it may be a secret); give the SQL "
                + "in quotes as one argument (see 'lakejwt query --help')");
    }

    private Map<String, String> environment() {
        Map<String, String> env = new HashMap<>();
        env.put("LAKE_URL", lake.baseUrl().toString());
        env.put("LAKE_SYSTEM", lake.defaultSystem());
        env.put("LAKE_ORG_ID", lake.orgId());
        env.put("LAKE_USER", me.user());
        env.put("LAKE_PAT", me.pat());
        env.put("LAKE_KEY_FILE", me.pemFiles().privateKey().toString());
        env.put("LAKE_KEY_PASSPHRASE", PASSPHRASE);
        return env;
    }

    /** Every token the fake received, as its signed part and its signature, in the compact form. */
    private static String[] sentTokens() {
        List<String> parts = new ArrayList<>();
        for (JournalEntry entry : lake.journal().entries()) {
            entry.verdict().token().ifPresent(t -> {
                parts.add(new String(t.signingInput(), StandardCharsets.US_ASCII));
                parts.add(Base64.getUrlEncoder().withoutPadding().encodeToString(t.signature()));
            });
        }
        assertThat(parts).as("the fake received tokens").isNotEmpty();
        return parts.toArray(String[]::new);
    }
}
