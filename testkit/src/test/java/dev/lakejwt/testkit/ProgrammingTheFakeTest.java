package dev.lakejwt.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static dev.lakejwt.testkit.LakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.LakeApiException;
import dev.lakejwt.core.LakeConnectionException;
import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.client.RetryPolicy;
import dev.lakejwt.testkit.verify.RejectionReason;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Shaping the fake from a test: faults, latency, clock, users, PATs, keys, extra stubs, reset, journal. */
class ProgrammingTheFakeTest {
    private static FakeLake lake;

    @BeforeAll
    static void start() {
        lake = FakeLake.builder().user("builder_user", "builder-pat").start();
    }

    @AfterAll
    static void stop() {
        lake.close();
    }

    @AfterEach
    void reset() {
        lake.reset();
    }

    private static LakeClient clientWithRecordedSleeps(LakeIdentity id, List<Duration> sleeps) {
        return LakeClient.builder(lake.baseUrl(), id.tokenSource()).sleeper(sleeps::add).build();
    }

    @Test
    void the429FaultCarriesRetryAfterAndTheClientHonoursIt() {
        LakeIdentity me = lake.newIdentity("demo_user");
        lake.failNext(2, LakeFault.tooManyRequests(Duration.ofSeconds(3)));
        List<Duration> sleeps = new ArrayList<>();

        HttpResponse<String> raw = new LakeHttp(lake, me).query("{\"query\":\"SEL * FROM dbc.dbcinfo\"}");
        assertThat(raw.statusCode()).isEqualTo(429);
        assertThat(raw.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(json(raw).get("error").textValue()).isEqualTo("429");

        assertThat(clientWithRecordedSleeps(me, sleeps).query("shared_demo", "SEL * FROM dbc.dbcinfo").first().rows()).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
        List<JournalEntry> entries = lake.journal().entries();
        assertThat(entries).extracting(JournalEntry::status).containsExactly(429, 429, 200);
        assertThat(entries.get(0).fault()).hasValue("429 Retry-After 3 s");
        assertThat(entries.get(0).verdict().accepted()).as("the token is still verified").isTrue();
        assertThat(lake.pendingFaults()).isZero();
    }

    @Test
    void statusFaultsReplaceTheAnswerForTheNextRequestsOnly() {
        LakeIdentity me = lake.newIdentity("demo_user");
        lake.failNext(1, LakeFault.serviceUnavailable()).failNext(1, LakeFault.serverError())
                .failNext(1, LakeFault.status(412).withError("412", "session in use"));
        LakeHttp http = new LakeHttp(lake, me);

        assertThat(http.get("/api/my-organization").statusCode()).isEqualTo(503);
        assertThat(http.get("/api/my-organization").statusCode()).isEqualTo(500);
        HttpResponse<String> busy = http.get("/api/my-organization");
        assertThat(busy.statusCode()).isEqualTo(412);
        assertThat(json(busy).get("message").textValue()).isEqualTo("session in use");
        assertThat(http.get("/api/my-organization").statusCode()).isEqualTo(200);
        assertThat(LakeClient.builder(lake.baseUrl(), me.tokenSource()).retryPolicy(RetryPolicy.NONE).build()
                .myOrganization().id()).as("no fault left").isEqualTo(lake.orgId());
    }

    @Test
    void aConnectionResetGivesTheClientAnIoFailure() {
        LakeIdentity me = lake.newIdentity("demo_user");
        lake.failNext(1, LakeFault.connectionReset());

        assertThatThrownBy(() -> LakeClient.builder(lake.baseUrl(), me.tokenSource()).build().myOrganization())
                .isInstanceOf(LakeConnectionException.class);
        assertThat(lake.journal().last().status()).isZero();
        assertThat(lake.journal().last().fault()).hasValue("connection reset");
        assertThat(me.client().myOrganization().id()).isEqualTo(lake.orgId());
    }

    @Test
    void latencyDelaysEveryAnswerUntilCleared() {
        LakeIdentity me = lake.newIdentity("demo_user");
        LakeClient client = me.client();
        client.myOrganization();

        lake.latency(Latency.fixed(Duration.ofMillis(300)));
        long fixed = millis(client::myOrganization);
        lake.latency(Latency.uniform(Duration.ofMillis(150), Duration.ofMillis(250)));
        long random = millis(client::myOrganization);
        lake.failNext(1, LakeFault.delayed(Duration.ofMillis(400)));
        long delayedOnce = millis(client::myOrganization);

        assertThat(fixed).isGreaterThanOrEqualTo(300);
        assertThat(random).isGreaterThanOrEqualTo(150);
        assertThat(delayedOnce).isGreaterThanOrEqualTo(150 + 400);
        assertThat(lake.journal().last().fault()).hasValue("delayed 400 ms");
        assertThatThrownBy(() -> LakeClient.builder(lake.baseUrl(), me.tokenSource())
                .requestTimeout(Duration.ofMillis(50)).retryPolicy(RetryPolicy.NONE).build().myOrganization())
                .isInstanceOf(LakeConnectionException.class).hasMessageContaining("did not answer");
    }

    @Test
    void movingTheClockExpiresOldTokensButNotTheIdentitysFreshOnes() {
        LakeIdentity me = lake.newIdentity("demo_user");
        String before = me.token();
        LakeClient client = me.client();
        client.myOrganization();

        lake.clock().advance(Duration.ofHours(2));

        assertThat(lake.verifier().verify(before).reason()).hasValue(RejectionReason.EXPIRED);
        assertThat(lake.verifier().verify(me.token()).accepted()).isTrue();
        assertThat(client.myOrganization().id()).as("the caching token source re-signs on the fake's clock")
                .isEqualTo(lake.orgId());
        lake.clock().set(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(lake.clock().instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(lake.verifier().verify(me.token()).accepted()).isTrue();
    }

    @Test
    void patsExpireByTheFakesClockAndCanBeRevoked() {
        LakeIdentity expiring = lake.identity("temp_user").patExpiresAt(lake.clock().instant().plus(Duration.ofMinutes(10)))
                .create();
        LakeIdentity revoked = lake.newIdentity("revoked_user");
        LakeIdentity expiredNow = lake.newIdentity("expired_user");

        assertThat(lake.verifier().verify(expiring.token()).accepted()).isTrue();
        lake.clock().advance(Duration.ofMinutes(11));
        lake.revokePat(revoked.pat()).expirePat(expiredNow.pat());

        assertThat(lake.verifier().verify(expiring.token()).reason()).hasValue(RejectionReason.PAT_EXPIRED);
        assertThat(lake.verifier().verify(revoked.token()).reason()).hasValue(RejectionReason.PAT_REVOKED);
        assertThat(lake.verifier().verify(expiredNow.token()).reason()).hasValue(RejectionReason.PAT_EXPIRED);
        lake.registerUser("revoked_user", "second-pat");
        assertThat(lake.verifier().verify(revoked.sign(revoked.claimsBuilder().pat("second-pat").build())).accepted())
                .isTrue();
    }

    @Test
    void keysRotateAndRevokeWhileTheFakeRuns() {
        LakeIdentity first = lake.newIdentity("rotating_user");
        LakeIdentity second = lake.newIdentity("rotating_user");

        assertThat(first.keyId()).isEqualTo("primary");
        assertThat(second.keyId()).isEqualTo("primary-2");
        assertThat(lake.verifier().verify(first.token()).accepted()).isTrue();
        lake.revokeKey("rotating_user", "primary");
        assertThat(lake.verifier().verify(first.token()).reason()).hasValue(RejectionReason.KEY_REVOKED);
        assertThat(lake.verifier().verify(second.token()).accepted()).isTrue();
        lake.registerKey("rotating_user", "primary", first.publicKey());
        assertThat(lake.verifier().verify(first.token()).accepted()).as("re-registered").isTrue();
        assertThatThrownBy(() -> lake.revokeKey("no-such-kid")).hasMessageContaining("no-such-kid");
    }

    @Test
    void twoUsersMayBothHaveAKeyNamedPrimary() {
        LakeIdentity alice = lake.newIdentity("alice");
        LakeIdentity bob = lake.newIdentity("bob");

        assertThat(alice.keyId()).isEqualTo(bob.keyId()).isEqualTo("primary");
        assertThat(alice.publicKey()).isNotEqualTo(bob.publicKey());
        assertThat(lake.verifier().verify(alice.token()).accepted()).isTrue();
        assertThat(lake.verifier().verify(bob.token()).accepted()).isTrue();
    }

    @Test
    void stubsAddedThroughWireMockAreTokenCheckedAndJournaled() throws Exception {
        LakeIdentity me = lake.newIdentity("demo_user");
        lake.wireMock().stubFor(get(urlPathMatching("/api/accounts/[^/]+/baas/jobs")).willReturn(okJson("[{\"id\":1}]")));

        HttpResponse<String> ok = new LakeHttp(lake, me).get("/api/accounts/acc-1/baas/jobs");
        HttpResponse<String> anonymous = lake.httpClient().send(HttpRequest.newBuilder(
                URI.create(lake.baseUrl() + "/api/accounts/acc-1/baas/jobs")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("[{\"id\":1}]");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(lake.journal().entries()).extracting(JournalEntry::status).containsExactly(200, 401);
    }

    @Test
    void aFailingQueryHandlerIs500NamingTheHandlerNotTheToken() {
        LakeIdentity me = lake.newIdentity("demo_user");
        lake.onQuery(r -> {
            throw new IllegalStateException("boom");
        });

        HttpResponse<String> response = new LakeHttp(lake, me).query("{\"query\":\"SEL 1\"}");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(json(response).get("message").textValue()).contains("QueryHandler").contains("boom");
    }

    @Test
    void resetReturnsToTheBaseline() {
        LakeIdentity me = lake.newIdentity("demo_user");
        lake.stubQuery("SEL 1", QueryAnswer.updateCount(1)).failNext(3, LakeFault.serverError());
        lake.clock().advance(Duration.ofDays(1));
        new LakeHttp(lake, me).get("/api/my-organization");

        lake.reset();

        assertThat(lake.directory().users()).containsExactly("builder_user");
        assertThat(lake.pendingFaults()).isZero();
        assertThat(lake.journal().isEmpty()).isTrue();
        assertThat(Duration.between(Instant.now(), lake.clock().instant()).abs()).isLessThan(Duration.ofMinutes(1));
        LakeIdentity again = lake.newIdentity("demo_user");
        assertThat(new LakeHttp(lake, again).query("{\"query\":\"SEL 1\"}").statusCode()).as("stub gone").isEqualTo(420);
        assertThat(again.publicKey()).as("the key pool restarts with the directory").isEqualTo(me.publicKey());
    }

    @Test
    void markBaselineKeepsWhatWasSetUpBeforeIt() {
        try (FakeLake own = FakeLake.builder().user("builder_user", "builder-pat").start()) {
            LakeIdentity kept = own.newIdentity("kept_user");
            own.stubQuery("SEL kept", QueryAnswer.updateCount(1));
            own.markBaseline();
            own.newIdentity("dropped_user");
            own.stubQuery("SEL dropped", QueryAnswer.updateCount(1));

            own.reset();

            assertThat(own.directory().users()).containsExactly("builder_user", "kept_user");
            LakeHttp http = new LakeHttp(own, kept);
            assertThat(http.query("{\"query\":\"SEL kept\"}").statusCode()).isEqualTo(200);
            assertThat(http.query("{\"query\":\"SEL dropped\"}").statusCode()).isEqualTo(420);
            own.clearStubs();
            assertThat(http.query("{\"query\":\"SEL kept\"}").statusCode()).as("baseline stubs stay").isEqualTo(200);
        }
    }

    @Test
    void theJournalIsBoundedAndNumbered() {
        try (FakeLake small = FakeLake.builder().journalCapacity(3).start()) {
            LakeIdentity me = small.newIdentity("demo_user");
            LakeHttp http = new LakeHttp(small, me);
            for (int i = 0; i < 5; i++) {
                http.get("/api/my-organization");
            }

            assertThat(small.journal().entries()).extracting(JournalEntry::sequence).containsExactly(3L, 4L, 5L);
            assertThat(small.journal().newest(2)).extracting(JournalEntry::sequence).containsExactly(5L, 4L);
            assertThat(small.journal().accepted()).hasSize(3);
            assertThat(small.journal().last().headers()).doesNotContainKey("authorization");
            assertThat(small.journal().last().toString()).contains("GET /api/my-organization -> 200 ACCEPTED");
        }
        assertThatThrownBy(() -> lake.journal().last()).hasMessageContaining("no request");
    }

    @Test
    void itListensOnLoopbackOnly() throws Exception {
        assertThat(lake.baseUrl().getHost()).isEqualTo("127.0.0.1");
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(ProgrammingTheFakeTest::isUp).flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress()).findFirst();
        try (Socket local = new Socket()) {
            local.connect(new InetSocketAddress("127.0.0.1", lake.port()), 2000);
            assertThat(local.isConnected()).isTrue();
        }
        if (external.isPresent()) {
            assertThatThrownBy(() -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(external.get(), lake.port()), 2000);
                }
            }).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aTokenDifferingFromTheLastOneOnlyInLetterCaseIsRefused() throws Exception {
        LakeIdentity me = lake.newIdentity("demo_user");
        String token = me.token();
        int i = token.lastIndexOf('.') + 5;
        while (!Character.isLetter(token.charAt(i))) {
            i++;
        }
        char c = token.charAt(i);
        String flipped = token.substring(0, i) + (Character.isUpperCase(c) ? Character.toLowerCase(c)
                : Character.toUpperCase(c)) + token.substring(i + 1);
        java.net.http.HttpClient oneConnection = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();

        List<Integer> statuses = new ArrayList<>();
        for (String t : List.of(token, token, flipped)) {
            statuses.add(oneConnection.send(HttpRequest.newBuilder(URI.create(lake.baseUrl() + "/api/my-organization"))
                    .header("Authorization", "Bearer " + t).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
        }

        assertThat(statuses).as("Jetty's header cache must not hand back the previous token").containsExactly(200, 200, 401);
        assertThat(lake.journal().last().verdict().reason()).hasValue(RejectionReason.BAD_SIGNATURE);
    }

    @Test
    void builderRefusesNonsense() {
        assertThatThrownBy(() -> FakeLake.builder().port(70000)).hasMessageContaining("70000");
        assertThatThrownBy(() -> FakeLake.builder().orgId(" ").start()).hasMessageContaining("orgId");
        assertThatThrownBy(() -> lake.failNext(0, LakeFault.serverError())).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> LakeFault.status(99)).hasMessageContaining("99");
        assertThatThrownBy(() -> LakeFault.connectionReset().withRetryAfter(Duration.ZERO))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Latency.uniform(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lake.identity("x").algorithm(dev.lakejwt.core.Algorithm.PS256))
                .hasMessageContaining("PS256");
        assertThat(lake.toString()).contains(lake.baseUrl().toString());
    }

    @Test
    void theClientGetsLakesErrorForARefusedToken() {
        LakeIdentity me = lake.newIdentity("demo_user");
        lake.revokePat(me.pat());

        assertThatThrownBy(() -> me.client().myOrganization()).isInstanceOfSatisfying(LakeApiException.class, e -> {
            assertThat(e.status()).isEqualTo(401);
            assertThat(e.getMessage()).contains("PAT_REVOKED").doesNotContain(me.pat());
        });
        assertThat(lake.journal().entries()).as("one retry with a fresh token, as the client promises").hasSize(2);
    }

    private static boolean isUp(NetworkInterface n) {
        try {
            return n.isUp();
        } catch (IOException e) {
            return false;
        }
    }

    private static long millis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
