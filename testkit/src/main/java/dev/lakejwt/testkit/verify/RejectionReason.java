package dev.lakejwt.testkit.verify;

/**
 * Every reason the fake Lake (and {@link LakeTokenVerifier}) refuses a token, each answered with
 * HTTP 401 and a JSON body naming it. This enum is the single source of the rejection table in
 * {@code docs/testkit.md}: a test checks that the table lists exactly these codes with exactly these
 * descriptions, and another that each has at least one rejection case.
 *
 * <p>Easy to get wrong: only the <em>first</em> failing check is reported. Header and signature
 * checks come before claim checks, and for claims presence and JSON types are checked before values,
 * so an expired token that also names the wrong organization reports {@link #EXPIRED}.
 */
public enum RejectionReason {
    MISSING_AUTHORIZATION("no `Authorization` header"),
    NOT_BEARER("`Authorization` is not `Bearer <token>`"),
    TOKEN_TOO_LARGE("the token is longer than 16 KiB"),
    MALFORMED_TOKEN("not three unpadded, canonical base64url parts"),
    MALFORMED_JSON("header or payload is not one JSON object (bad JSON, a duplicate member, trailing data)"),
    ALGORITHM_NOT_ALLOWED("`alg` is not `RS256`, or `ES256` for an EC key: `none`, every `HS*`, `RS384`, `PS256`, missing"),
    CRITICAL_HEADER("the header has `crit`: no critical extension is understood"),
    WRONG_TYPE("`typ` is present and not `JWT`"),
    UNKNOWN_KID("`kid` is missing or names no registered key"),
    KEY_REVOKED("`kid` names a revoked key"),
    BAD_SIGNATURE("the signature does not verify with the key `kid` names"),
    MISSING_CLAIM("a required claim is absent: `aud`, `exp`, `iat`, `multi-use`, `org_id`, `sub` or `pat`"),
    WRONG_CLAIM_TYPE("a claim has the wrong JSON type: times not whole epoch seconds, `multi-use` not a boolean, "
            + "`aud` not a string or array of strings, `iss`, `org_id`, `sub` or `pat` not a string"),
    WRONG_AUDIENCE("`aud` does not contain `td:service:authentication`"),
    EXPIRED("`exp` is not in the future"),
    ISSUED_IN_FUTURE("`iat` is further in the future than the allowed skew (default 60 s)"),
    LIFETIME_OUT_OF_RANGE("`exp - iat` is not between 1 s and the maximum lifetime (default 12 h)"),
    WRONG_ISSUER("`iss` is not the pinned issuer (checked only when one is pinned)"),
    NOT_MULTI_USE("`multi-use` is `false`"),
    WRONG_ORGANIZATION("`org_id` is not the organization's id"),
    UNKNOWN_SUBJECT("`sub` is not a registered user"),
    KEY_NOT_OF_SUBJECT("the key `kid` names belongs to a user other than `sub`"),
    PAT_INVALID("`pat` is not a PAT of `sub`"),
    PAT_REVOKED("`pat` was revoked"),
    PAT_EXPIRED("`pat` has expired");

    private final String description;

    RejectionReason(String description) {
        this.description = description;
    }

    /** One line saying when this reason applies, in Markdown (it is the docs table's text). */
    public String description() {
        return description;
    }
}
