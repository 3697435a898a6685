package dev.lakejwt.testkit;

import static dev.lakejwt.testkit.LakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakejwt.core.LakeApiException;
import dev.lakejwt.core.client.Column;
import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.client.QueryOptions;
import dev.lakejwt.core.client.QueryResult;
import dev.lakejwt.core.client.ResultFormat;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Lake API behind the token check: Query Service, sessions, spooled queries, systems, organization. */
class QueryServiceTest {
    private static final String QUERIES = "/api/tdrest/systems/shared_demo/queries";
    private static FakeLake lake;
    private LakeIdentity me;
    private LakeHttp http;

    @BeforeAll
    static void start() {
        lake = FakeLake.builder().system("shared_demo").system("analytics").spooledReadyAfterPolls(2).start();
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    @BeforeEach
    void identity() {
        me = lake.newIdentity("demo_user");
        http = new LakeHttp(lake, me);
    }

    @AfterEach
    void reset() {
        lake.reset();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SEL * FROM dbc.dbcinfo", "select * from DBC.DBCInfo;", "  SELECT   *\n FROM dbc . dbcinfo  ",
        "sel * from \"DBC\".\"DBCInfo\""})
    void dbcInfoAnswersOutOfTheBoxInAnyCaseAndSpacing(String sql) {
        QueryResult result = me.client().query(lake.defaultSystem(), sql);

        assertThat(result.first().rowsAsMaps()).extracting(m -> m.get("InfoKey"))
                .containsExactly("VERSION", "LANGUAGE SUPPORT MODE", "RELEASE");
        assertThat(result.first().columnNames()).containsExactly("InfoKey", "InfoData");
    }

    @Test
    void theQuickstartRequestGetsLakesObjectEnvelope() {
        HttpResponse<String> response = http.query("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode body = json(response);
        assertThat(body.has("queueDuration")).isTrue();
        assertThat(body.has("queryDuration")).isTrue();
        JsonNode result = body.get("results").get(0);
        assertThat(result.get("resultSet").booleanValue()).isTrue();
        assertThat(result.get("rowCount").intValue()).isEqualTo(3);
        assertThat(result.get("rowLimitExceeded").booleanValue()).isFalse();
        assertThat(result.has("columns")).as("columns only with includeColumns").isFalse();
        assertThat(result.get("data").get(1).get("InfoData").textValue()).isEqualTo("Standard");
    }

    @Test
    void arrayFormatWithColumnMetadata() {
        JsonNode result = json(http.query("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"format\":\"array\",\"includeColumns\":true}"))
                .get("results").get(0);

        assertThat(result.get("data").get(0).isArray()).isTrue();
        assertThat(result.get("data").get(0).get(0).textValue()).isEqualTo("VERSION");
        assertThat(result.get("columns").get(0).get("name").textValue()).isEqualTo("InfoKey");
        assertThat(result.get("columns").get(0).get("type").textValue()).isEqualTo("VARCHAR");
    }

    @Test
    void csvFormatIsTextCsvWithAHeaderLine() {
        lake.stubQuery("SEL name, note FROM t", QueryAnswer.table().column("name", "VARCHAR").column("note", "VARCHAR")
                .row("a,b", "say \"hi\"").row("c", null).build());

        HttpResponse<String> response = http.query("{\"query\":\"SEL name, note FROM t\",\"format\":\"csv\"}");

        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        assertThat(response.body()).isEqualTo("name,note\n\"a,b\",\"say \"\"hi\"\"\"\nc,\n");
        QueryResult parsed = me.client().query(lake.defaultSystem(), "SEL name, note FROM t",
                QueryOptions.builder().format(ResultFormat.CSV).build());
        assertThat(parsed.first().rows().get(0)).containsExactly("a,b", "say \"hi\"");
    }

    @Test
    void rowOffsetAndRowLimitPageAndFlagTheCut() {
        QueryAnswer.Table table = QueryAnswer.table().column("n", "INTEGER");
        for (int i = 1; i <= 10; i++) {
            table.row(i);
        }
        lake.stubQuery("SEL n FROM numbers", table.build());

        JsonNode page = json(http.query("{\"query\":\"SEL n FROM numbers\",\"rowOffset\":4,\"rowLimit\":3}"))
                .get("results").get(0);
        JsonNode last = json(http.query("{\"query\":\"SEL n FROM numbers\",\"rowOffset\":8,\"rowLimit\":3}"))
                .get("results").get(0);

        assertThat(page.get("data")).extracting(r -> r.get("n").intValue()).containsExactly(5, 6, 7);
        assertThat(page.get("rowLimitExceeded").booleanValue()).isTrue();
        assertThat(page.get("rowCount").intValue()).isEqualTo(10);
        assertThat(last.get("data")).extracting(r -> r.get("n").intValue()).containsExactly(9, 10);
        assertThat(last.get("rowLimitExceeded").booleanValue()).isFalse();
        QueryResult viaClient = me.client().query(lake.defaultSystem(), "SEL n FROM numbers",
                QueryOptions.builder().rowLimit(2).build());
        assertThat(viaClient.first().rows()).hasSize(2);
        assertThat(viaClient.first().rowLimitExceeded()).isTrue();
    }

    @Test
    void unknownSqlIs420WithError3807LikeLake() {
        HttpResponse<String> response = http.query("{\"query\":\"SELECT * FROM sales.orders\"}");

        assertThat(response.statusCode()).isEqualTo(420);
        assertThat(json(response).get("error").textValue()).isEqualTo("3807");
        assertThat(json(response).get("message").textValue()).isEqualTo("Object 'sales.orders' does not exist.");
        assertThatThrownBy(() -> me.client().query(lake.defaultSystem(), "SEL * FROM sales.orders"))
                .isInstanceOfSatisfying(LakeApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(420);
                    assertThat(e.errorCode()).hasValue("3807");
                });
    }

    @Test
    void stubsMatchByNormalisedTextOrPatternAndNewestWins() {
        lake.stubQuery("SEL COUNT(*) FROM t", QueryAnswer.table().column("Count(*)", "INTEGER").row(1).build());
        lake.stubQuery(Pattern.compile("(?i)SEL COUNT\\(\\*\\) FROM \\w+"),
                QueryAnswer.table().column("Count(*)", "INTEGER").row(2).build());
        lake.stubQuery("delete from t", QueryAnswer.updateCount(7));
        lake.stubQuery("SEL bad", QueryAnswer.error("3706", "Syntax error: expected something."));

        assertThat(me.client().query("shared_demo", "sel count(*) from T;").first().rows().get(0)).containsExactly(2L);
        assertThat(me.client().query("shared_demo", "DELETE FROM t").first().updateCount()).hasValue(7);
        HttpResponse<String> syntax = http.query("{\"query\":\"SEL bad\"}");
        assertThat(syntax.statusCode()).isEqualTo(420);
        assertThat(json(syntax).get("error").textValue()).isEqualTo("3706");
    }

    @Test
    void handlersSeeSystemUserStatementAndParams() {
        lake.onQuery(r -> r.statement().startsWith("SEL ?") ? Optional.of(QueryAnswer.table().column("who", "VARCHAR")
                .column("where", "VARCHAR").column("params", "VARCHAR")
                .row(r.user(), r.system(), String.valueOf(r.params().orElse(null))).build()) : Optional.empty());

        JsonNode row = json(new LakeHttp(lake, me).post("/api/tdrest/systems/analytics/queries",
                "{\"query\":\"SEL ?\",\"params\":[[1]]}")).get("results").get(0).get("data").get(0);

        assertThat(row.get("who").textValue()).isEqualTo("demo_user");
        assertThat(row.get("where").textValue()).isEqualTo("analytics");
        assertThat(row.get("params").textValue()).isEqualTo("[[1]]");
    }

    @Test
    void severalStatementsGiveSeveralResultsAndTheFirstErrorEndsTheRequest() {
        lake.stubQuery("UPDATE t SET a = 1", QueryAnswer.updateCount(3));

        JsonNode results = json(http.query("{\"query\":\"UPDATE t SET a = 1; SEL * FROM dbc.dbcinfo; \"}")).get("results");
        HttpResponse<String> failing = http.query("{\"query\":\"SEL * FROM dbc.dbcinfo; SEL * FROM nope; SEL 1\"}");

        assertThat(results).hasSize(2);
        assertThat(results.get(0).get("resultSet").booleanValue()).isFalse();
        assertThat(results.get(0).get("count").intValue()).isEqualTo(3);
        assertThat(results.get(1).get("rowCount").intValue()).isEqualTo(3);
        assertThat(failing.statusCode()).isEqualTo(420);
        assertThat(LakeApi.split("SEL 'a;b'; SEL \"c;\"")).containsExactly("SEL 'a;b'", "SEL \"c;\"");
    }

    @Test
    void badRequestsAre400WithLakesErrorShape() {
        for (String body : List.of("{\"query\":", "[1,2]", "{}", "{\"query\":42}", "{\"query\":\"  \"}",
                "{\"query\":\"SEL 1\",\"format\":\"xml\"}", "{\"query\":\"SEL 1\",\"rowLimit\":-1}",
                "{\"query\":\"SEL 1\",\"includeColumns\":\"yes\"}", "")) {
            HttpResponse<String> response = http.query(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(json(response).get("error").textValue()).isEqualTo("400");
            assertThat(json(response).get("message").textValue()).isNotBlank();
        }
    }

    @Test
    void unknownSystemIs404NamingTheKnownOnes() {
        HttpResponse<String> response = http.post("/api/tdrest/systems/nope/queries", "{\"query\":\"SEL 1\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").textValue()).contains("nope").contains("shared_demo").contains("analytics");
    }

    @Test
    void unknownPathsAre404AndWrongMethods405() {
        assertThat(http.get("/api/nothing").statusCode()).isEqualTo(404);
        assertThat(http.get("/api/tdrest/systems/shared_demo/tables").statusCode()).isEqualTo(404);
        HttpResponse<String> put = http.send("PUT", "/api/my-organization", "{}");
        assertThat(put.statusCode()).isEqualTo(405);
        assertThat(put.headers().firstValue("Allow")).hasValue("GET");
    }

    @Test
    void systemsAndOrganizationAnswerLikeLake() {
        LakeClient client = me.client();

        assertThat(client.systems()).extracting(s -> s.name()).containsExactly("shared_demo", "analytics");
        assertThat(client.myOrganization().id()).isEqualTo(lake.orgId());
        assertThat(client.myOrganization().name()).isEqualTo(FakeLake.DEFAULT_ORG_NAME);
        assertThat(json(http.get("/api/tdrest/systems/analytics")).get("name").textValue()).isEqualTo("analytics");
    }

    @Test
    void theCanonicalAcceptHeaderWorksToo() {
        LakeClient client = LakeClient.builder(lake.baseUrl(), me.tokenSource()).accept("application/vnd.com.teradata.rest-v1.0+json")
                .build();

        assertThat(client.query("shared_demo", "SEL * FROM dbc.dbcinfo").first().rows()).hasSize(3);
        assertThat(lake.journal().last().headers()).containsEntry("accept", "application/vnd.com.teradata.rest-v1.0+json");
    }

    @Test
    void sessionsAreCreatedListedReusedAndDeleted() {
        HttpResponse<String> created = http.post("/api/tdrest/systems/shared_demo/sessions",
                "{\"autoCommit\":true,\"transactionMode\":\"TERA\",\"charSet\":\"UTF8\"}");
        long id = json(created).get("sessionId").longValue();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(json(created).get("user").textValue()).isEqualTo("demo_user");
        assertThat(json(created).get("state").textValue()).isEqualTo("LOGGINGON");
        assertThat(json(created).get("createMode").textValue()).isEqualTo("EXPLICIT");
        assertThat(http.query("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"session\":" + id + "}").statusCode()).isEqualTo(200);
        assertThat(me.client().query("shared_demo", "SEL * FROM dbc.dbcinfo", QueryOptions.builder().session(id).build())
                .first().rows()).hasSize(3);
        JsonNode listed = json(http.get("/api/tdrest/systems/shared_demo/sessions"));
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("queryCount").intValue()).isEqualTo(2);
        assertThat(json(http.get("/api/tdrest/systems/shared_demo/sessions/" + id)).get("state").textValue()).isEqualTo("IDLE");
        LakeIdentity someoneElse = lake.newIdentity("other_user");
        assertThat(new LakeHttp(lake, someoneElse).query("{\"query\":\"SEL 1\",\"session\":" + id + "}").statusCode())
                .as("a session belongs to its user").isEqualTo(404);
        assertThat(http.delete("/api/tdrest/systems/shared_demo/sessions/" + id).statusCode()).isEqualTo(204);
        assertThat(http.query("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"session\":" + id + "}").statusCode()).isEqualTo(404);
        assertThat(json(http.get("/api/tdrest/systems/shared_demo/sessions"))).isEmpty();
    }

    @Test
    void spooledQueriesMoveThroughStatesUntilTheirResultsAreReady() {
        HttpResponse<String> submitted = http.query("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"spooledResultSet\":true,"
                + "\"format\":\"array\"}");
        long id = json(submitted).get("id").longValue();
        String status = QUERIES + "/" + id;

        assertThat(submitted.statusCode()).isEqualTo(201);
        assertThat(http.get(status + "/results").statusCode()).as("not ready yet").isEqualTo(412);
        assertThat(json(http.get(status)).get("queryState").textValue()).isEqualTo("QUEUED");
        assertThat(json(http.get(status)).get("queryState").textValue()).isEqualTo("PENDING");
        JsonNode ready = json(http.get(status));
        assertThat(ready.get("queryState").textValue()).isEqualTo("RESULT_SET_READY");
        assertThat(ready.get("queryId").longValue()).isEqualTo(id);
        assertThat(ready.get("user").textValue()).isEqualTo("demo_user");
        assertThat(ready.get("statusCode").intValue()).isEqualTo(200);
        JsonNode results = json(http.get(status + "/results"));
        assertThat(results.get("results").get(0).get("data").get(2).get(0).textValue()).isEqualTo("RELEASE");
        assertThat(json(http.get(QUERIES))).extracting(q -> q.get("queryId").longValue()).containsExactly(id);
        assertThat(http.delete(status).statusCode()).isEqualTo(204);
        assertThat(http.get(status).statusCode()).isEqualTo(404);
    }

    @Test
    void aSpooledQueryThatFailsReportsItsError() {
        long id = json(http.query("{\"query\":\"SEL * FROM missing\",\"spooledResultSet\":true}")).get("id").longValue();
        http.get(QUERIES + "/" + id);
        http.get(QUERIES + "/" + id);

        JsonNode status = json(http.get(QUERIES + "/" + id));
        HttpResponse<String> results = http.get(QUERIES + "/" + id + "/results");

        assertThat(status.get("statusCode").intValue()).isEqualTo(420);
        assertThat(status.get("exceptions").get(0).get("error").textValue()).isEqualTo("3807");
        assertThat(results.statusCode()).isEqualTo(420);
    }

    @Test
    void answersRefuseValuesThatAreNotJsonScalars() {
        assertThatThrownBy(() -> QueryAnswer.table().column("d", "DATE").row(new java.util.Date()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("JSON scalar");
        assertThatThrownBy(() -> QueryAnswer.rows(List.of(new Column("a", null)), List.of(List.of(1, 2))))
                .hasMessageContaining("2 values for 1 columns");
        assertThatThrownBy(() -> QueryAnswer.error(200, "x", "y")).isInstanceOf(IllegalArgumentException.class);
    }
}
