package dev.lakejwt.core.client;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.lakejwt.core.LakeApiException;
import dev.lakejwt.core.LakeConnectionException;
import dev.lakejwt.core.token.TokenSource;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LakeClientTest {
    private static final String QUERIES = "/api/tdrest/systems/shared_demo/queries";
    private static final String DBCINFO_OBJECT = """
            {"queueDuration":3,"queryDuration":12,"results":[{"resultSet":true,"rowCount":3,"rowLimitExceeded":false,
             "columns":[{"name":"InfoKey","type":"VARCHAR"},{"name":"InfoData","type":"VARCHAR"}],
             "data":[{"InfoKey":"VERSION","InfoData":"17.20.03.09"},
                     {"InfoKey":"LANGUAGE SUPPORT MODE","InfoData":"Standard"},
                     {"InfoKey":"RELEASE","InfoData":"17.20.03.09"}]}]}""";

    @RegisterExtension
    static WireMockExtension lake = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"))
            .build();

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private CountingTokens tokens;
    private LakeClient client;

    /** Hands out token-1, token-2, … one per invalidation, and records invalidations. */
    static final class CountingTokens implements TokenSource {
        final AtomicInteger generation = new AtomicInteger(1);
        final List<String> invalidated = new ArrayList<>();

        @Override
        public String token() {
            return "token-" + generation.get();
        }

        @Override
        public void invalidate() {
            generation.incrementAndGet();
        }

        @Override
        public void invalidate(String rejected) {
            invalidated.add(rejected);
            invalidate();
        }
    }

    @BeforeEach
    void setUp() {
        tokens = new CountingTokens();
        client = clientFor(baseUrl()).build();
    }

    private static String baseUrl() {
        return "http://127.0.0.1:" + lake.getPort();
    }

    private LakeClient.Builder clientFor(String url) {
        return LakeClient.builder(URI.create(url), tokens).sleeper(sleeps::add);
    }

    @Test
    void sendsTheQuickstartRequestAndParsesObjectFormat() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody(DBCINFO_OBJECT)));

        QueryResult result = client.query("shared_demo", "SEL * FROM dbc.dbcinfo");

        lake.verify(postRequestedFor(urlEqualTo(QUERIES))
                .withHeader("Authorization", equalTo("Bearer token-1"))
                .withHeader("Accept", equalTo("application/json"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}")));
        assertThat(result.queueDurationMillis()).isEqualTo(3);
        assertThat(result.queryDurationMillis()).isEqualTo(12);
        StatementResult rows = result.first();
        assertThat(rows.columnNames()).containsExactly("InfoKey", "InfoData");
        assertThat(rows.columns().get(0).typeName()).contains("VARCHAR");
        assertThat(rows.rows()).hasSize(3);
        assertThat(rows.rowsAsMaps().get(0)).isEqualTo(Map.of("InfoKey", "VERSION", "InfoData", "17.20.03.09"));
        assertThat(rows.rowCount()).isEqualTo(3);
        assertThat(rows.rowLimitExceeded()).isFalse();
    }

    @Test
    void sendsEveryOptionThatIsSetAndParsesArrayFormat() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(200).withBody("""
                {"queueDuration":0,"queryDuration":1,"results":[{"resultSet":true,"rowCount":5,"rowLimitExceeded":true,
                 "data":[["a",1,2.5,true,null],["b",2,3.75,false,"x"]]},
                 {"resultSet":false,"count":7}]}""")));
        QueryOptions options = QueryOptions.builder().format(ResultFormat.ARRAY).rowLimit(2).rowOffset(1)
                .includeColumns(false).queryTimeout(Duration.ofSeconds(30)).session(42).clientId("c1")
                .queryBands(Map.of("app", "lakejwt")).params(List.of(List.of(1, "x"))).build();

        QueryResult result = client.query("shared_demo", "SEL a FROM t; UPDATE t SET a = 1", options);

        lake.verify(postRequestedFor(urlEqualTo(QUERIES)).withRequestBody(equalToJson("""
                {"query":"SEL a FROM t; UPDATE t SET a = 1","format":"array","rowLimit":2,"rowOffset":1,
                 "includeColumns":false,"queryTimeout":30,"session":42,"clientId":"c1",
                 "queryBands":{"app":"lakejwt"},"params":[[1,"x"]],"logMech":"JWT"}""")));
        StatementResult rows = result.results().get(0);
        assertThat(rows.columnNames()).containsExactly("column1", "column2", "column3", "column4", "column5");
        assertThat(rows.rows().get(0)).containsExactly("a", 1L, new BigDecimal("2.5"), true, null);
        assertThat(rows.rowLimitExceeded()).isTrue();
        assertThat(rows.rowCount()).isEqualTo(5);
        assertThat(result.results().get(1).resultSet()).isFalse();
        assertThat(result.results().get(1).updateCount()).hasValue(7);
    }

    @Test
    void parsesCsvFormat() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/csv")
                .withBody("InfoKey,InfoData\nVERSION,17.20.03.09\n\"LANGUAGE SUPPORT MODE\",\"Stand,ard\"\n")));

        StatementResult rows = client.query("shared_demo", "SEL * FROM dbc.dbcinfo",
                QueryOptions.builder().format(ResultFormat.CSV).build()).first();

        assertThat(rows.columnNames()).containsExactly("InfoKey", "InfoData");
        assertThat(rows.rows()).containsExactly(List.of("VERSION", "17.20.03.09"),
                List.of("LANGUAGE SUPPORT MODE", "Stand,ard"));
    }

    @Test
    void on401InvalidatesTheTokenAndRetriesOnceWithAFreshOne() {
        lake.stubFor(post(QUERIES).withHeader("Authorization", equalTo("Bearer token-1"))
                .willReturn(aResponse().withStatus(401).withBody("{\"error\":\"401\",\"message\":\"token expired\"}")));
        lake.stubFor(post(QUERIES).withHeader("Authorization", equalTo("Bearer token-2"))
                .willReturn(aResponse().withStatus(200).withBody(DBCINFO_OBJECT)));

        QueryResult result = client.query("shared_demo", "SEL * FROM dbc.dbcinfo");

        assertThat(result.first().rows()).hasSize(3);
        assertThat(tokens.invalidated).containsExactly("token-1");
        lake.verify(2, postRequestedFor(urlEqualTo(QUERIES)));
    }

    @Test
    void a401AfterTheRetryIsAnAuthenticationFailureWithLakesMessageAndNoToken() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(401)
                .withBody("{\"error\":\"401\",\"message\":\"unknown kid 'primry'\"}")));

        assertThatThrownBy(() -> client.query("shared_demo", "SEL 1"))
                .isInstanceOfSatisfying(LakeApiException.class, e -> {
                    assertThat(e.isAuthenticationFailure()).isTrue();
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.lakeMessage()).contains("unknown kid 'primry'");
                })
                .hasMessageContaining("Lake answered 401 to POST " + QUERIES)
                .hasMessageContaining("unknown kid 'primry'")
                .hasMessageContaining("likely causes: the kid does not match")
                .hasMessageNotContaining("token-");
        lake.verify(2, postRequestedFor(urlEqualTo(QUERIES)));
    }

    @Test
    void on429WaitsAsRetryAfterSaysThenSucceeds() {
        lake.stubFor(post(QUERIES).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2")
                        .withBody("{\"error\":\"429\",\"message\":\"session limit\"}"))
                .willSetStateTo("free"));
        lake.stubFor(post(QUERIES).inScenario("busy").whenScenarioStateIs("free")
                .willReturn(aResponse().withStatus(200).withBody(DBCINFO_OBJECT)));

        assertThat(client.query("shared_demo", "SEL 1").first().rows()).hasSize(3);

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void on503RetriesWithExponentialBackoffUntilAttemptsRunOut() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(503).withBody("busy")));

        assertThatThrownBy(() -> client.query("shared_demo", "SEL 1"))
                .isInstanceOfSatisfying(LakeApiException.class, e -> assertThat(e.status()).isEqualTo(503))
                .hasMessageContaining("after 4 attempts").hasMessageContaining("busy");

        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
        lake.verify(4, postRequestedFor(urlEqualTo(QUERIES)));
    }

    @Test
    void aRetryAfterBeyondTheBudgetGivesUpAtOnce() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

        assertThatThrownBy(() -> client.query("shared_demo", "SEL 1"))
                .isInstanceOf(LakeApiException.class)
                .hasMessageContaining("gave up: waiting 120 s more would pass the retry budget of 30 s");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void sqlErrorIs420WithTheTeradataCode() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(420)
                .withBody("{\"error\":\"3807\",\"message\":\"Object 'nope' does not exist.\"}")));

        assertThatThrownBy(() -> client.query("shared_demo", "SEL * FROM nope"))
                .isInstanceOfSatisfying(LakeApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(420);
                    assertThat(e.errorCode()).contains("3807");
                    assertThat(e.lakeMessage()).contains("Object 'nope' does not exist.");
                    assertThat(e.isAuthenticationFailure()).isFalse();
                })
                .hasMessageContaining("[3807] Object 'nope' does not exist.")
                .hasMessageContaining("database error");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void badRequestIsNotRetried() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\":\"400\",\"message\":\"missing query\"}")));

        assertThatThrownBy(() -> client.query("shared_demo", "SEL 1"))
                .isInstanceOfSatisfying(LakeApiException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("missing query");
        lake.verify(1, postRequestedFor(urlEqualTo(QUERIES)));
    }

    @Test
    void malformedJsonBodyIsReportedNotParsedIntoGarbage() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(200).withBody("{\"results\": [oops")));

        assertThatThrownBy(() -> client.query("shared_demo", "SEL 1"))
                .isInstanceOfSatisfying(LakeApiException.class, e -> assertThat(e.status()).isEqualTo(200))
                .hasMessageContaining("not the expected JSON").hasMessageContaining("{\"results\": [oops");
    }

    @Test
    void connectionRefusedNamesTheHost() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        LakeClient closed = clientFor("http://127.0.0.1:" + port).build();

        assertThatThrownBy(() -> closed.query("shared_demo", "SEL 1"))
                .isInstanceOfSatisfying(LakeConnectionException.class, e -> assertThat(e.status()).isZero())
                .hasMessageContaining("could not connect to 127.0.0.1:" + port);
    }

    @Test
    void slowAnswerTimesOutNamingTheHostAndTheTimeout() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withStatus(200).withBody(DBCINFO_OBJECT)
                .withFixedDelay(3000)));
        LakeClient impatient = clientFor(baseUrl()).requestTimeout(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> impatient.query("shared_demo", "SEL 1"))
                .isInstanceOf(LakeConnectionException.class)
                .hasMessageContaining("127.0.0.1:" + lake.getPort() + " did not answer POST " + QUERIES)
                .hasMessageContaining("within 300 ms (request timeout)");
    }

    @Test
    void aResetConnectionIsAConnectionFailure() {
        lake.stubFor(post(QUERIES).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        assertThatThrownBy(() -> client.query("shared_demo", "SEL 1")).isInstanceOf(LakeConnectionException.class)
                .hasMessageContaining("request to 127.0.0.1:" + lake.getPort() + " failed");
    }

    @Test
    void systemsAndOrganization() {
        lake.stubFor(get("/api/tdrest/systems").willReturn(aResponse().withStatus(200)
                .withBody("[{\"name\":\"shared_demo\",\"systemType\":\"TERADATA\"},{\"name\":\"other\"}]")));
        lake.stubFor(get("/api/my-organization").willReturn(aResponse().withStatus(200)
                .withBody("{\"id\":\"2f4c-org\",\"name\":\"tddemos\",\"region\":\"us-west\"}")));

        assertThat(client.systems()).extracting(LakeSystem::name).containsExactly("shared_demo", "other");
        assertThat(client.systems().get(0).attributes()).containsEntry("systemType", "TERADATA");
        Organization org = client.myOrganization();
        assertThat(org.id()).isEqualTo("2f4c-org");
        assertThat(org.name()).isEqualTo("tddemos");
        assertThat(org.attributes()).containsEntry("region", "us-west");
        lake.verify(getRequestedFor(urlEqualTo("/api/my-organization")).withHeader("Authorization",
                equalTo("Bearer token-1")));
    }

    @Test
    void unknownSystemIs404WithAHint() {
        lake.stubFor(post("/api/tdrest/systems/nope/queries").willReturn(aResponse().withStatus(404)
                .withBody("{\"error\":\"404\",\"message\":\"Unknown system alias: nope\"}")));

        assertThatThrownBy(() -> client.query("nope", "SEL 1"))
                .isInstanceOf(LakeApiException.class)
                .hasMessageContaining("Unknown system alias: nope").hasMessageContaining("LAKE_SYSTEM");
    }

    @Test
    void systemNameIsEscapedInThePath() {
        lake.stubFor(post("/api/tdrest/systems/a%20b%2Fc/queries").willReturn(aResponse().withStatus(200)
                .withBody(DBCINFO_OBJECT)));

        assertThat(client.query("a b/c", "SEL 1").first().rows()).hasSize(3);
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDates() {
        java.net.http.HttpHeaders seconds = java.net.http.HttpHeaders.of(Map.of("Retry-After", List.of("7")), (a, b) -> true);
        assertThat(LakeClient.retryAfter(new StubResponse(seconds))).contains(Duration.ofSeconds(7));
        String date = java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME
                .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC).plusSeconds(30));
        java.net.http.HttpHeaders http = java.net.http.HttpHeaders.of(Map.of("Retry-After", List.of(date)), (a, b) -> true);
        assertThat(LakeClient.retryAfter(new StubResponse(http)).orElseThrow()).isBetween(Duration.ofSeconds(25),
                Duration.ofSeconds(30));
        java.net.http.HttpHeaders junk = java.net.http.HttpHeaders.of(Map.of("Retry-After", List.of("soon")), (a, b) -> true);
        assertThat(LakeClient.retryAfter(new StubResponse(junk))).isEmpty();
    }

    @Test
    void baseUrlMustBeHttp() {
        assertThatThrownBy(() -> LakeClient.builder(URI.create("ftp://x"), tokens))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)://host");
    }

    private record StubResponse(java.net.http.HttpHeaders headers) implements java.net.http.HttpResponse<String> {
        public int statusCode() {
            return 429;
        }

        public java.net.http.HttpRequest request() {
            return null;
        }

        public java.util.Optional<java.net.http.HttpResponse<String>> previousResponse() {
            return java.util.Optional.empty();
        }

        public String body() {
            return "";
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return java.util.Optional.empty();
        }

        public URI uri() {
            return URI.create("http://x");
        }

        public java.net.http.HttpClient.Version version() {
            return java.net.http.HttpClient.Version.HTTP_1_1;
        }
    }
}
