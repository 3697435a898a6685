package dev.lakejwt.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lakejwt.testkit.verify.RejectionReason;
import dev.lakejwt.testkit.verify.Verdict;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * No input may make the fake Lake answer anything but 401 with a reason: random Authorization
 * headers, random three-part tokens, mutations of a valid token, and validly signed tokens with random
 * claims. Tries are bounded so the whole class runs in seconds.
 */
class HostileTokenPropertiesTest {
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static FakeLake lake;
    private static LakeIdentity me;
    private static LakeIdentity ec;
    private static String valid;
    private static String validEc;

    @BeforeContainer
    static void start() {
        lake = FakeLake.start();
        me = lake.newIdentity("demo_user");
        ec = lake.newIdentity("ec_user", dev.lakejwt.core.Algorithm.ES256);
        valid = me.sign(me.claimsBuilder().expiresAt(me.claims().issuedAt() + 12 * 3600).build());
        validEc = ec.sign(ec.claimsBuilder().expiresAt(ec.claims().issuedAt() + 12 * 3600).build());
    }

    @AfterContainer
    static void stop() {
        lake.close();
    }

    @Property(tries = 250)
    void anyAuthorizationHeaderIsA401(@ForAll("headers") String authorization) throws Exception {
        assertRefused(authorization);
    }

    @Property(tries = 250)
    void anyThreePartTokenIsA401(@ForAll("parts") String header, @ForAll("parts") String payload,
                                 @ForAll("parts") String signature) throws Exception {
        assertRefused("Bearer " + header + "." + payload + "." + signature);
    }

    @Property(tries = 300)
    void everyMutationOfAValidTokenIsA401(@ForAll("mutations") String mutated) throws Exception {
        assertRefused("Bearer " + mutated);
    }

    @Property(tries = 200)
    void validlySignedRandomClaimsAreA401(@ForAll("randomClaims") Map<String, Object> claims,
                                          @ForAll("randomHeaders") Map<String, Object> header) throws Exception {
        TokenForge forge = TokenForge.of(me);
        forge.claims.clear();
        forge.claims.putAll(claims);
        forge.header.putAll(header);

        assertRefused("Bearer " + forge.sign());
    }

    @Property(tries = 1000)
    void theVerifierAloneNeverThrowsNorAcceptsGarbage(@ForAll("headers") String anything) {
        Verdict verdict = lake.verifier().verifyAuthorization(anything);

        assertThat(verdict.rejected()).isTrue();
        assertThat(verdict.message()).isNotBlank();
    }

    private static void assertRefused(String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(lake.baseUrl() + "/api/tdrest/systems/shared_demo/queries"))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"SEL * FROM dbc.dbcinfo\"}"))
                .build();
        HttpResponse<String> response = lake.httpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s", response.body()).isEqualTo(401);
        JsonNode body = TokenForge.JSON.readTree(response.body());
        assertThat(RejectionReason.valueOf(body.get("reason").textValue())).isNotNull();
        assertThat(body.get("message").textValue()).doesNotContain(me.pat());
    }

    @Provide
    Arbitrary<String> headers() {
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(400);
        Arbitrary<String> bearerPlus = printable.map(s -> "Bearer " + s);
        Arbitrary<String> nearToken = Arbitraries.strings().withChars(BASE64URL + ".=+/ ").ofMinLength(1).ofMaxLength(600)
                .map(s -> "Bearer " + s);
        return Arbitraries.oneOf(printable, bearerPlus, nearToken);
    }

    @Provide
    Arbitrary<String> parts() {
        Arbitrary<String> randomBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(TokenForge.B64::encodeToString);
        Arbitrary<String> jsonText = Arbitraries.strings().withChars("{}[]\":,0123456789.-eEtruefalsnl abc\\")
                .ofMaxLength(80).map(s -> TokenForge.B64.encodeToString(s.getBytes(StandardCharsets.UTF_8)));
        Arbitrary<String> realParts = Arbitraries.of(valid.split("\\.")[0], valid.split("\\.")[1], valid.split("\\.")[2],
                validEc.split("\\.")[0], validEc.split("\\.")[2], "");
        return Arbitraries.oneOf(randomBytes, jsonText, realParts);
    }

    /** A valid token with one to three random edits; never the valid token itself. */
    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> source = Arbitraries.of(valid, validEc);
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.of(EditKind.values()), Arbitraries.integers().between(0, 100_000),
                Arbitraries.chars().with((BASE64URL + ".=").toCharArray())).as(Edit::new);
        return Combinators.combine(source, edit.list().ofMinSize(1).ofMaxSize(3)).as((token, edits) -> {
            String t = token;
            for (Edit e : edits) {
                t = e.apply(t);
            }
            return t;
        }).filter(t -> !t.equals(valid) && !t.equals(validEc));
    }

    @Provide
    Arbitrary<Map<String, Object>> randomClaims() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.doubles().map(d -> (Object) d), Arbitraries.just(null),
                Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(3).map(l -> (Object) l));
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.of("aud", "iat", "exp", "iss", "org_id", "multi-use",
                "sub", "nbf", "jti"), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        return Arbitraries.maps(names, scalar).ofMaxSize(8).map(random -> {
            Map<String, Object> claims = new LinkedHashMap<>(me.claims().asMap());
            claims.putAll(random);
            claims.put("pat", "not-" + me.pat());
            return claims;
        });
    }

    @Provide
    Arbitrary<Map<String, Object>> randomHeaders() {
        Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.of("RS256", "none", "HS256", "JWT", "primary", "")
                .map(s -> (Object) s), Arbitraries.integers().map(i -> (Object) i), Arbitraries.just(List.of("exp")));
        return Arbitraries.maps(Arbitraries.of("alg", "kid", "typ", "crit", "cty", "x5u"), value).ofMaxSize(3);
    }

    private enum EditKind { REPLACE, DELETE, INSERT, TRUNCATE, SWAP_PARTS, DUPLICATE_PART, DROP_PART, CASE_FLIP }

    /** One edit of a token at a position derived from {@code at}. */
    private record Edit(EditKind kind, int at, char c) {
        String apply(String t) {
            if (t.isEmpty()) {
                return String.valueOf(c);
            }
            int i = at % t.length();
            String[] p = t.split("\\.", -1);
            return switch (kind) {
                case REPLACE -> t.charAt(i) == c ? t.substring(0, i) + (c == 'A' ? 'B' : 'A') + t.substring(i + 1)
                        : t.substring(0, i) + c + t.substring(i + 1);
                case DELETE -> t.substring(0, i) + t.substring(i + 1);
                case INSERT -> t.substring(0, i) + c + t.substring(i);
                case TRUNCATE -> t.substring(0, i);
                case SWAP_PARTS -> p.length == 3 ? p[1] + "." + p[0] + "." + p[2] : t + c;
                case DUPLICATE_PART -> t + "." + p[at % p.length];
                case DROP_PART -> String.join(".", Arrays.copyOfRange(p, 0, Math.max(0, p.length - 1)));
                case CASE_FLIP -> {
                    char x = t.charAt(i);
                    char flipped = Character.isUpperCase(x) ? Character.toLowerCase(x) : Character.toUpperCase(x);
                    yield flipped == x ? t + "A" : t.substring(0, i) + flipped + t.substring(i + 1);
                }
            };
        }
    }
}
