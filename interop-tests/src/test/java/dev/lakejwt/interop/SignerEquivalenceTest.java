package dev.lakejwt.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.sign.JwtSigners;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every adapter writes the {@code jdk} reference signer's bytes: the same RS256 token string for the
 * same claims, key and clock; the same header and payload for ES256 and PS256 (whose signatures are
 * randomised). Where a library's JSON writer escapes a character the reference writes as it is,
 * only the decoded claims are equal; {@link #escapes} is the exact list, kept true by this test.
 */
class SignerEquivalenceTest {
    static final List<String> ADAPTERS = List.of("jjwt", "nimbus", "jose4j");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2023-11-14T22:13:20Z"), ZoneOffset.UTC);
    private static final LakeCredentials CREDENTIALS =
            new LakeCredentials("demo_user", "pat-0d6e2b1c", "a1b2c3d4-0000-4000-8000-0123456789ab");

    private static LakeClaims lakeClaims() {
        return ClaimsAssembler.builder().clock(CLOCK).build().assemble(CREDENTIALS);
    }

    /** Extra claims of every JSON kind a caller is likely to add. */
    private static LakeClaims claimsWithTypicalExtras() {
        return ClaimsAssembler.builder().clock(CLOCK)
                .claim("scope", List.of("query", "systems"))
                .claim("client", Map.of("name", "lakejwt"))
                .claim("callback", "https://example.test/a/b?x=1&y=<2>")
                .claim("display", "Zoë 李 \"quoted\" back\\slash tab\t")
                .claim("ratio", 0.1)
                .claim("huge", 1e21)
                .claim("tiny", 1e-7)
                .claim("ratioF", 1.1f)
                .claim("price", new BigDecimal("10.50"))
                .claim("count", Long.MAX_VALUE)
                .claim("flag", false)
                .claim("nbf", 1_700_000_000L)
                .claim("jti", "7f0c")
                .build().assemble(CREDENTIALS);
    }

    private static String part(String token, int i) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[i]), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> adapterAndRandomisedAlgorithm() {
        return ADAPTERS.stream().flatMap(s -> Stream.of(Arguments.of(s, Algorithm.ES256), Arguments.of(s, Algorithm.PS256)));
    }

    @ParameterizedTest(name = "{0}: RS256 token is the reference token")
    @MethodSource("dev.lakejwt.interop.SignerEquivalenceTest#adapters")
    void rs256TokenIsTheReferenceTokenByteForByte(String adapter) {
        LakeClaims claims = lakeClaims();

        String token = JwtSigners.named(adapter).sign(claims, TestKeys.signingKey(Algorithm.RS256));

        assertThat(token).isEqualTo(JwtSigners.named("jdk").sign(claims, TestKeys.signingKey(Algorithm.RS256)));
        assertThat(part(token, 0)).isEqualTo("{\"alg\":\"RS256\",\"kid\":\"primary\",\"typ\":\"JWT\"}");
        assertThat(part(token, 1)).isEqualTo("{\"aud\":[\"td:service:authentication\"],\"iat\":1700000000,"
                + "\"exp\":1700003600,\"iss\":\"wiki\",\"org_id\":\"a1b2c3d4-0000-4000-8000-0123456789ab\","
                + "\"multi-use\":true,\"pat\":\"pat-0d6e2b1c\",\"sub\":\"demo_user\"}");
    }

    @ParameterizedTest(name = "{0}: typical extra claims keep the reference bytes")
    @MethodSource("adapters")
    void typicalExtraClaimsKeepTheReferenceBytes(String adapter) {
        LakeClaims claims = claimsWithTypicalExtras();

        String token = JwtSigners.named(adapter).sign(claims, TestKeys.signingKey(Algorithm.RS256));

        assertThat(token).isEqualTo(JwtSigners.named("jdk").sign(claims, TestKeys.signingKey(Algorithm.RS256)));
    }

    @ParameterizedTest(name = "{0}: {1} header and payload are the reference's")
    @MethodSource("adapterAndRandomisedAlgorithm")
    void randomisedAlgorithmsSignTheReferenceHeaderAndPayload(String adapter, Algorithm algorithm) throws Exception {
        LakeClaims claims = claimsWithTypicalExtras();

        String token = JwtSigners.named(adapter).sign(claims, TestKeys.signingKey(algorithm));

        String reference = JwtSigners.named("jdk").sign(claims, TestKeys.signingKey(algorithm));
        int dot = token.lastIndexOf('.');
        assertThat(token.substring(0, dot)).isEqualTo(reference.substring(0, reference.lastIndexOf('.')));
        assertThat(JcaSignatures.verify(algorithm, TestKeys.publicKey(algorithm),
                token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(token.substring(dot + 1)))).isTrue();
    }

    @ParameterizedTest(name = "{0}: a null extra claim is written as null")
    @ValueSource(strings = {"nimbus", "jose4j"})
    void nullExtraClaimIsWrittenLikeTheReference(String adapter) {
        LakeClaims claims = lakeClaims().toBuilder().claim("note", null).build();

        String token = JwtSigners.named(adapter).sign(claims, TestKeys.signingKey(Algorithm.RS256));

        assertThat(part(token, 1)).endsWith(",\"note\":null}");
        assertThat(token).isEqualTo(JwtSigners.named("jdk").sign(claims, TestKeys.signingKey(Algorithm.RS256)));
    }

    static Stream<String> adapters() {
        return ADAPTERS.stream();
    }

    static Stream<Arguments> adapterAndCharacter() {
        int[] characters = {0x01, 0x0b, 0x1f, 0x7f, 0x85, 0x9f, 0xa0, 0xe9, 0x2000, 0x2028, 0x2029, 0x20ac, 0x20ff,
            0x2100, 0xfeff, 0x1f600};
        List<Arguments> cases = new ArrayList<>();
        for (String adapter : ADAPTERS) {
            for (int c : characters) {
                cases.add(Arguments.of(adapter, String.format("U+%04X", c), c));
            }
        }
        return cases.stream();
    }

    /**
     * Whether the adapter's library writes {@code c} differently from the reference (Jackson's UTF-8
     * generator), which writes it as it is, except a control character as {@code \\u00XX} with
     * upper-case hex digits and a character beyond U+FFFF (an emoji) as an escaped surrogate pair.
     */
    static boolean escapes(String adapter, int c) {
        if (c > 0xffff) {
            // jjwt writes with Jackson's UTF-8 generator too; Gson and jose4j write the UTF-8 bytes.
            return !"jjwt".equals(adapter);
        }
        return switch (adapter) {
            // Gson: U+2028 and U+2029 escaped; control characters with lower-case hex digits (differs where a letter shows).
            case "nimbus" -> c == 0x2028 || c == 0x2029
                    || (c < 0x20 && c != '\b' && c != '\t' && c != '\n' && c != '\f' && c != '\r'
                    && String.format("%04x", c).matches(".*[a-f].*"));
            // jose4j's JSON writer: U+007F to U+009F and U+2000 to U+20FF escaped.
            case "jose4j" -> (c >= 0x7f && c <= 0x9f) || (c >= 0x2000 && c <= 0x20ff);
            default -> false;
        };
    }

    @ParameterizedTest(name = "{0}: {1} changes the bytes only where the library escapes it; claims decode equal")
    @MethodSource("adapterAndCharacter")
    void escapedCharactersChangeTheBytesButNeverTheDecodedClaims(String adapter, String label, int c) throws Exception {
        String subject = "user" + new String(Character.toChars(c)) + "end";
        LakeClaims claims = lakeClaims().toBuilder().subject(subject).build();

        String token = JwtSigners.named(adapter).sign(claims, TestKeys.signingKey(Algorithm.RS256));

        String reference = JwtSigners.named("jdk").sign(claims, TestKeys.signingKey(Algorithm.RS256));
        assertThat(token.equals(reference)).as("%s writes %s as the reference does", adapter, label)
                .isEqualTo(!escapes(adapter, c));
        assertThat(JdkVerifier.decode(token, 1)).isEqualTo(JdkVerifier.decode(reference, 1))
                .containsEntry("sub", subject);
    }
}
