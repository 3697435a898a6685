package dev.lakejwt.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakejwt.testkit.verify.RejectionReason;
import dev.lakejwt.testkit.verify.Verdict;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rejection case of {@link RejectionCases} sent to the fake Lake over HTTP: 401, Lake's JSON
 * error shape, exactly the expected reason, and no PAT or token in the answer or the journal's text.
 */
class TokenRejectionTest {
    private static RejectionFixture fixture;

    @BeforeAll
    static void start() {
        fixture = new RejectionFixture();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    static Stream<RejectionCases.Case> cases() {
        return RejectionCases.ALL.stream();
    }

    static Stream<RejectionCases.Accepted> accepted() {
        return RejectionCases.ACCEPTED.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWith401NamingExactlyTheReason(RejectionCases.Case c) throws Exception {
        RejectionCases.Request request = c.request().apply(fixture);

        HttpResponse<String> response = send(request.lake(), request.authorization());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = TokenForge.JSON.readTree(response.body());
        assertThat(body.get("error").textValue()).isEqualTo("401");
        assertThat(body.get("reason").textValue()).isEqualTo(c.reason().name());
        assertThat(body.get("message").textValue()).startsWith("token rejected (" + c.reason().name() + "): ");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");

        JournalEntry entry = request.lake().journal().last();
        Verdict verdict = entry.verdict();
        assertThat(verdict.reason()).hasValue(c.reason());
        assertThat(entry.status()).isEqualTo(401);
        String token = request.authorization() == null ? "" : request.authorization().replaceFirst("^Bearer ?", "");
        for (String shown : new String[] {response.body(), verdict.toString(), entry.toString(), verdict.message()}) {
            for (String pat : pats()) {
                assertThat(shown).doesNotContain(pat);
            }
            if (token.length() > 20) {
                assertThat(shown).doesNotContain(token);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void nearMissesAreAccepted(RejectionCases.Accepted a) throws Exception {
        HttpResponse<String> response = send(fixture.lake, "Bearer " + a.token().apply(fixture));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(fixture.lake.journal().last().verdict().accepted()).isTrue();
    }

    @Test
    void everyReasonHasAtLeastOneCase() {
        Set<RejectionReason> covered = RejectionCases.ALL.stream().map(RejectionCases.Case::reason)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(RejectionReason.class)));

        assertThat(covered).containsExactlyInAnyOrder(RejectionReason.values());
    }

    @Test
    void theVerifierAloneGivesTheSameReasonsAsTheServer() {
        for (RejectionCases.Case c : RejectionCases.ALL) {
            RejectionCases.Request request = c.request().apply(fixture);
            Verdict verdict = request.lake().verifier().verifyAuthorization(request.authorization());
            assertThat(verdict.reason()).as(c.toString()).hasValue(c.reason());
        }
    }

    private static Set<String> pats() {
        return Stream.of(fixture.me, fixture.ec, fixture.other, fixture.keyOwner, fixture.revokedPat,
                fixture.expiredPat, fixture.pinnedMe).map(LakeIdentity::pat).collect(Collectors.toSet());
    }

    static HttpResponse<String> send(FakeLake lake, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lake.baseUrl() + "/api/tdrest/systems/shared_demo/queries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}"));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return lake.httpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String[] reasonNames() {
        return Arrays.stream(RejectionReason.values()).map(Enum::name).toArray(String[]::new);
    }
}
