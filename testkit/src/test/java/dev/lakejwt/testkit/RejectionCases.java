package dev.lakejwt.testkit;

import static dev.lakejwt.testkit.verify.RejectionReason.ALGORITHM_NOT_ALLOWED;
import static dev.lakejwt.testkit.verify.RejectionReason.BAD_SIGNATURE;
import static dev.lakejwt.testkit.verify.RejectionReason.CRITICAL_HEADER;
import static dev.lakejwt.testkit.verify.RejectionReason.EXPIRED;
import static dev.lakejwt.testkit.verify.RejectionReason.ISSUED_IN_FUTURE;
import static dev.lakejwt.testkit.verify.RejectionReason.KEY_NOT_OF_SUBJECT;
import static dev.lakejwt.testkit.verify.RejectionReason.KEY_REVOKED;
import static dev.lakejwt.testkit.verify.RejectionReason.LIFETIME_OUT_OF_RANGE;
import static dev.lakejwt.testkit.verify.RejectionReason.MALFORMED_JSON;
import static dev.lakejwt.testkit.verify.RejectionReason.MALFORMED_TOKEN;
import static dev.lakejwt.testkit.verify.RejectionReason.MISSING_AUTHORIZATION;
import static dev.lakejwt.testkit.verify.RejectionReason.MISSING_CLAIM;
import static dev.lakejwt.testkit.verify.RejectionReason.NOT_BEARER;
import static dev.lakejwt.testkit.verify.RejectionReason.NOT_MULTI_USE;
import static dev.lakejwt.testkit.verify.RejectionReason.PAT_EXPIRED;
import static dev.lakejwt.testkit.verify.RejectionReason.PAT_INVALID;
import static dev.lakejwt.testkit.verify.RejectionReason.PAT_REVOKED;
import static dev.lakejwt.testkit.verify.RejectionReason.TOKEN_TOO_LARGE;
import static dev.lakejwt.testkit.verify.RejectionReason.UNKNOWN_KID;
import static dev.lakejwt.testkit.verify.RejectionReason.UNKNOWN_SUBJECT;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_AUDIENCE;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_CLAIM_TYPE;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_ISSUER;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_ORGANIZATION;
import static dev.lakejwt.testkit.verify.RejectionReason.WRONG_TYPE;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.testkit.verify.RejectionReason;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * Every way a token is refused, each a request the fake Lake must answer 401 naming one reason; and
 * the near misses it must accept. {@link TokenRejectionTest} runs them; the docs table lists the reasons.
 */
final class RejectionCases {
    private RejectionCases() {
    }

    /** A request: which fake, and the Authorization header (null: none). */
    record Request(FakeLake lake, String authorization) {
    }

    /** One rejection case. */
    record Case(RejectionReason reason, String name, Function<RejectionFixture, Request> request) {
        @Override
        public String toString() {
            return reason + ": " + name;
        }
    }

    /** One token the fake must accept although it is close to a rule. */
    record Accepted(String name, Function<RejectionFixture, String> token) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case bearer(RejectionReason reason, String name, Function<RejectionFixture, String> token) {
        return new Case(reason, name, f -> new Request(f.lake, "Bearer " + token.apply(f)));
    }

    static Case header(RejectionReason reason, String name, String authorization) {
        return new Case(reason, name, f -> new Request(f.lake, authorization));
    }

    static final List<Case> ALL = List.of(
            header(MISSING_AUTHORIZATION, "no Authorization header", null),
            header(NOT_BEARER, "Basic credentials", "Basic ZGVtbzpzZWNyZXQ="),
            header(NOT_BEARER, "Bearer without a token", "Bearer"),
            new Case(NOT_BEARER, "the token without the Bearer scheme", f -> new Request(f.lake, f.me.token())),
            bearer(TOKEN_TOO_LARGE, "a validly signed token of 17 KiB", f -> TokenForge.of(f.me)
                    .claim("padding", "x".repeat(17 * 1024)).sign()),
            bearer(MALFORMED_TOKEN, "one part", f -> "notajwt"),
            bearer(MALFORMED_TOKEN, "two parts", f -> cut(f.me.token(), 2)),
            bearer(MALFORMED_TOKEN, "four parts", f -> f.me.token() + ".AAAA"),
            bearer(MALFORMED_TOKEN, "padding '=' in the signature", f -> f.me.token() + "=="),
            bearer(MALFORMED_TOKEN, "standard base64 '+' and '/'", f -> f.me.token().replace('-', '+').replace('_', '/')
                    + "+/"),
            bearer(MALFORMED_TOKEN, "non-canonical last character of the signature", f -> strayBits(f.me.token())),
            bearer(MALFORMED_TOKEN, "empty header part", f -> "." + f.me.token().split("\\.")[1] + ".AAAA"),
            bearer(MALFORMED_JSON, "header is not JSON", f -> TokenForge.b64("alg=RS256") + "."
                    + f.me.token().split("\\.")[1] + ".AAAA"),
            bearer(MALFORMED_JSON, "header is a JSON array", f -> TokenForge.of(f.me).signRaw("[\"RS256\"]",
                    TokenForge.of(f.me).claimsJson())),
            bearer(MALFORMED_JSON, "payload is not JSON", f -> TokenForge.of(f.me).signRaw(
                    TokenForge.of(f.me).headerJson(), "sub=demo")),
            bearer(MALFORMED_JSON, "duplicate claim (two subs)", f -> {
                TokenForge t = TokenForge.of(f.me);
                String json = t.claimsJson();
                return t.signRaw(t.headerJson(), json.substring(0, json.length() - 1) + ",\"sub\":\"admin\"}");
            }),
            bearer(MALFORMED_JSON, "trailing data after the payload", f -> {
                TokenForge t = TokenForge.of(f.me);
                return t.signRaw(t.headerJson(), t.claimsJson() + "{}");
            }),
            bearer(MALFORMED_JSON, "payload is not UTF-8", f -> TokenForge.b64(TokenForge.of(f.me).headerJson()) + "."
                    + TokenForge.B64.encodeToString(new byte[] {'{', '"', (byte) 0xC3, '"', ':', '1', '}'}) + ".AAAA"),
            bearer(ALGORITHM_NOT_ALLOWED, "alg none, empty signature", f -> TokenForge.of(f.me).unsecured()),
            bearer(ALGORITHM_NOT_ALLOWED, "HS256 keyed with the public key", f -> TokenForge.of(f.me)
                    .hmac("HS256", f.me.publicKey().getEncoded())),
            bearer(ALGORITHM_NOT_ALLOWED, "HS384", f -> TokenForge.of(f.me).hmac("HS384", f.me.publicKey().getEncoded())),
            bearer(ALGORITHM_NOT_ALLOWED, "HS512", f -> TokenForge.of(f.me).hmac("HS512", f.me.publicKey().getEncoded())),
            bearer(ALGORITHM_NOT_ALLOWED, "RS384 header", f -> TokenForge.of(f.me).header("alg", "RS384").sign()),
            bearer(ALGORITHM_NOT_ALLOWED, "PS256, validly signed", f -> TokenForge.of(f.me).header("alg", "PS256")
                    .signedWith(f.me.privateKey(), Algorithm.PS256).sign()),
            bearer(ALGORITHM_NOT_ALLOWED, "lower-case rs256", f -> TokenForge.of(f.me).header("alg", "rs256").sign()),
            bearer(ALGORITHM_NOT_ALLOWED, "no alg", f -> TokenForge.of(f.me).withoutHeader("alg").sign()),
            bearer(ALGORITHM_NOT_ALLOWED, "ES256 header for an RSA key", f -> TokenForge.of(f.me).header("alg", "ES256")
                    .signedWith(f.ec.privateKey(), Algorithm.ES256).sign()),
            bearer(ALGORITHM_NOT_ALLOWED, "RS256 header for an EC key", f -> TokenForge.of(f.ec).header("alg", "RS256")
                    .signedWith(f.me.privateKey(), Algorithm.RS256).sign()),
            bearer(CRITICAL_HEADER, "crit [\"exp\"]", f -> TokenForge.of(f.me).header("crit", List.of("exp")).sign()),
            bearer(WRONG_TYPE, "typ JOSE", f -> TokenForge.of(f.me).header("typ", "JOSE").sign()),
            bearer(WRONG_TYPE, "typ at+jwt", f -> TokenForge.of(f.me).header("typ", "at+jwt").sign()),
            bearer(UNKNOWN_KID, "no kid", f -> TokenForge.of(f.me).withoutHeader("kid").sign()),
            bearer(UNKNOWN_KID, "kid with .pem", f -> TokenForge.of(f.me).header("kid", f.me.keyId() + ".pem").sign()),
            bearer(UNKNOWN_KID, "kid never registered", f -> TokenForge.of(f.me).header("kid", "no-such-key").sign()),
            bearer(KEY_REVOKED, "the key was revoked", f -> f.revokedKey.token()),
            bearer(BAD_SIGNATURE, "signed with another user's private key", f -> TokenForge.of(f.me)
                    .signedWith(f.other.privateKey(), Algorithm.RS256).sign()),
            bearer(BAD_SIGNATURE, "payload changed after signing", f -> {
                String[] p = f.me.token().split("\\.");
                return p[0] + "." + TokenForge.b64(TokenForge.of(f.me).claim("sub", "admin").claimsJson()) + "." + p[2];
            }),
            bearer(BAD_SIGNATURE, "RS256 with an empty signature", f -> cut(f.me.token(), 2) + "."),
            bearer(MISSING_CLAIM, "no aud", f -> TokenForge.of(f.me).without("aud").sign()),
            bearer(MISSING_CLAIM, "no exp", f -> TokenForge.of(f.me).without("exp").sign()),
            bearer(MISSING_CLAIM, "no iat", f -> TokenForge.of(f.me).without("iat").sign()),
            bearer(MISSING_CLAIM, "no multi-use", f -> TokenForge.of(f.me).without("multi-use").sign()),
            bearer(MISSING_CLAIM, "multi_use with an underscore", f -> TokenForge.of(f.me).without("multi-use")
                    .claim("multi_use", true).sign()),
            bearer(MISSING_CLAIM, "no org_id", f -> TokenForge.of(f.me).without("org_id").sign()),
            bearer(MISSING_CLAIM, "org_key instead of org_id", f -> TokenForge.of(f.me).without("org_id")
                    .claim("org_key", f.lake.orgId()).sign()),
            bearer(MISSING_CLAIM, "no sub", f -> TokenForge.of(f.me).without("sub").sign()),
            bearer(MISSING_CLAIM, "no pat", f -> TokenForge.of(f.me).without("pat").sign()),
            bearer(MISSING_CLAIM, "sub is null", f -> TokenForge.of(f.me).claim("sub", null).sign()),
            bearer(WRONG_CLAIM_TYPE, "exp as a string", f -> TokenForge.of(f.me).claim("exp", String.valueOf(f.now + 3600))
                    .sign()),
            bearer(WRONG_CLAIM_TYPE, "iat with a fraction", f -> TokenForge.of(f.me)
                    .claim("iat", new BigDecimal(f.now + ".5")).sign()),
            bearer(WRONG_CLAIM_TYPE, "exp in milliseconds", f -> TokenForge.of(f.me).claim("exp", (f.now + 3600) * 1000)
                    .sign()),
            bearer(WRONG_CLAIM_TYPE, "negative iat", f -> TokenForge.of(f.me).claim("iat", -1).sign()),
            bearer(WRONG_CLAIM_TYPE, "multi-use as the string \"true\"", f -> TokenForge.of(f.me).claim("multi-use", "true")
                    .sign()),
            bearer(WRONG_CLAIM_TYPE, "aud a number", f -> TokenForge.of(f.me).claim("aud", 1).sign()),
            bearer(WRONG_CLAIM_TYPE, "aud an empty array", f -> TokenForge.of(f.me).claim("aud", List.of()).sign()),
            bearer(WRONG_CLAIM_TYPE, "sub a number", f -> TokenForge.of(f.me).claim("sub", 42).sign()),
            bearer(WRONG_CLAIM_TYPE, "pat an array", f -> TokenForge.of(f.me).claim("pat", List.of(f.me.pat())).sign()),
            bearer(WRONG_AUDIENCE, "aud [\"td:service:other\"]", f -> TokenForge.of(f.me)
                    .claim("aud", List.of("td:service:other")).sign()),
            bearer(WRONG_AUDIENCE, "aud a string of another service", f -> TokenForge.of(f.me).claim("aud", "account")
                    .sign()),
            bearer(EXPIRED, "exp one second ago", f -> TokenForge.of(f.me).claim("iat", f.now - 3600)
                    .claim("exp", f.now - 1).sign()),
            bearer(EXPIRED, "exp is now", f -> TokenForge.of(f.me).claim("iat", f.now - 3600).claim("exp", f.now).sign()),
            bearer(ISSUED_IN_FUTURE, "iat 61 s ahead (skew 60 s)", f -> TokenForge.of(f.me).claim("iat", f.now + 61)
                    .claim("exp", f.now + 3661).sign()),
            bearer(LIFETIME_OUT_OF_RANGE, "12 h and 1 s", f -> TokenForge.of(f.me).claim("iat", f.now)
                    .claim("exp", f.now + 12 * 3600 + 1).sign()),
            bearer(LIFETIME_OUT_OF_RANGE, "exp equal to iat", f -> TokenForge.of(f.me).claim("iat", f.now + 30)
                    .claim("exp", f.now + 30).sign()),
            new Case(WRONG_ISSUER, "iss tdmodelops where wiki is pinned", f -> new Request(f.pinnedIssuerLake,
                    "Bearer " + TokenForge.of(f.pinnedMe).claim("iss", "tdmodelops").sign())),
            new Case(WRONG_ISSUER, "no iss where wiki is pinned", f -> new Request(f.pinnedIssuerLake,
                    "Bearer " + TokenForge.of(f.pinnedMe).without("iss").sign())),
            bearer(NOT_MULTI_USE, "multi-use false", f -> TokenForge.of(f.me).claim("multi-use", false).sign()),
            bearer(WRONG_ORGANIZATION, "another organization's id", f -> TokenForge.of(f.me)
                    .claim("org_id", "11111111-2222-3333-4444-555555555555").sign()),
            bearer(WRONG_ORGANIZATION, "the organization name instead of its id", f -> TokenForge.of(f.me)
                    .claim("org_id", f.lake.orgName()).sign()),
            bearer(UNKNOWN_SUBJECT, "sub not a user", f -> TokenForge.of(f.me).claim("sub", "ghost").sign()),
            bearer(KEY_NOT_OF_SUBJECT, "another user's key", f -> TokenForge.of(f.keyOwner).claim("sub", f.other.user())
                    .claim("pat", f.other.pat()).sign()),
            bearer(PAT_INVALID, "an unknown PAT", f -> TokenForge.of(f.me).claim("pat", "not-a-pat").sign()),
            bearer(PAT_INVALID, "another user's PAT", f -> TokenForge.of(f.me).claim("pat", f.other.pat()).sign()),
            bearer(PAT_REVOKED, "the PAT was revoked", f -> f.revokedPat.token()),
            bearer(PAT_EXPIRED, "the PAT expired", f -> f.expiredPat.token()));

    static final List<Accepted> ACCEPTED = List.of(
            new Accepted("RS256 as the quickstart signs it", f -> f.me.token()),
            new Accepted("ES256 with a registered EC key", f -> f.ec.token()),
            new Accepted("iss tdmodelops (free-form unless pinned)", f -> TokenForge.of(f.me).claim("iss", "tdmodelops")
                    .sign()),
            new Accepted("no iss", f -> TokenForge.of(f.me).without("iss").sign()),
            new Accepted("aud as a plain string", f -> TokenForge.of(f.me).claim("aud", "td:service:authentication")
                    .sign()),
            new Accepted("aud with a second value", f -> TokenForge.of(f.me)
                    .claim("aud", List.of("other", "td:service:authentication")).sign()),
            new Accepted("no typ", f -> TokenForge.of(f.me).withoutHeader("typ").sign()),
            new Accepted("typ jwt in lower case", f -> TokenForge.of(f.me).header("typ", "jwt").sign()),
            new Accepted("iat exactly 60 s ahead", f -> TokenForge.of(f.me).claim("iat", f.now + 60)
                    .claim("exp", f.now + 3660).sign()),
            new Accepted("exp one second ahead", f -> TokenForge.of(f.me).claim("iat", f.now - 10)
                    .claim("exp", f.now + 1).sign()),
            new Accepted("lifetime exactly 12 h", f -> TokenForge.of(f.me).claim("iat", f.now)
                    .claim("exp", f.now + 12 * 3600).sign()),
            new Accepted("extra claims", f -> TokenForge.of(f.me).claim("team", "x").claim("n", 1).sign()),
            new Accepted("rotated: the second key of a user", f -> f.rotated.token()),
            new Accepted("an organization-wide key", f -> TokenForge.of(f.me).header("kid", "org-wide")
                    .signedWith(f.orgWideKey.getPrivate(), Algorithm.RS256).sign()),
            new Accepted("a PAT that expires in the future", f -> f.laterPat.token()));

    /** The token with only its first {@code parts} parts. */
    static String cut(String token, int parts) {
        String[] p = token.split("\\.");
        return String.join(".", java.util.Arrays.copyOf(p, parts));
    }

    /** The token with its signature's last character changed to one that decodes to the same bytes. */
    static String strayBits(String token) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        int index = alphabet.indexOf(last);
        int signatureChars = token.length() - token.lastIndexOf('.') - 1;
        int unusedBits = signatureChars % 4 == 2 ? 4 : signatureChars % 4 == 3 ? 2 : 0;
        if (unusedBits == 0) {
            throw new IllegalStateException("this signature length has no stray bits");
        }
        char changed = alphabet.charAt(index ^ 1);
        String forged = token.substring(0, token.length() - 1) + changed;
        byte[] a = java.util.Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        byte[] b = java.util.Base64.getUrlDecoder().decode(forged.substring(forged.lastIndexOf('.') + 1));
        if (!java.util.Arrays.equals(a, b)) {
            throw new IllegalStateException("expected the same bytes");
        }
        return forged;
    }
}
