package dev.lakejwt.jjwt;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.AbstractJwtSigner;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.security.Provider;
import java.util.Date;
import java.util.EnumMap;
import java.util.Map;

/**
 * The {@link dev.lakejwt.core.sign.JwtSigner} named {@code jjwt}: {@code Jwts.builder()} with Lake's
 * header and claims, signed with {@code Jwts.SIG.RS256} (or PS256, ES256) through the JCA provider
 * it is given. The token is byte for byte the {@code jdk} reference signer's. Immutable and
 * thread-safe: the jjwt algorithm objects are shared constants and each token gets its own builder.
 * Base64url is written by the JDK's stream encoder through jjwt's {@code b64Url} option (same bytes,
 * without the 8 KiB buffer per token part that jjwt's own encoder allocates).
 *
 * <p>Easy to get wrong: jjwt's header builder writes {@code kid, typ, alg} unless {@code alg} is
 * added first, and {@code signWith(key)} without an algorithm picks RS384 or RS512 for 3072- or 4096-bit
 * keys (so this signer always names the algorithm). jjwt also silently drops a claim whose value is {@code null} and rewrites an extra
 * {@code nbf} to whole seconds, so this signer refuses such extra claims instead of signing
 * something other than what the {@code jdk} signer signs.
 */
public final class JjwtSigner extends AbstractJwtSigner {
    /** The name this signer is registered under. */
    public static final String NAME = "jjwt";
    private static final Map<Algorithm, SignatureAlgorithm> ALGORITHMS = new EnumMap<>(Map.of(
            Algorithm.RS256, Jwts.SIG.RS256,
            Algorithm.PS256, Jwts.SIG.PS256,
            Algorithm.ES256, Jwts.SIG.ES256));
    private static final String NOT_BEFORE = "nbf";

    /** Signs with the key's provider, else the JCA default (the constructor {@link java.util.ServiceLoader} uses). */
    public JjwtSigner() {
        this(null);
    }

    /** Signs with {@code provider}; {@code null} means the key's provider, else the JCA default. */
    public JjwtSigner(Provider provider) {
        super(NAME, ALGORITHMS.keySet(), provider);
    }

    @Override
    public JjwtSigner withProvider(Provider provider) {
        return new JjwtSigner(provider);
    }

    @Override
    protected String signToken(LakeClaims claims, SigningKey key, Provider provider) {
        SignatureAlgorithm algorithm = ALGORITHMS.get(key.algorithm());
        JwtBuilder jwt = Jwts.builder()
                .b64Url(JdkBase64UrlStreamEncoder.INSTANCE)
                .header().add("alg", algorithm.getId()).keyId(key.keyId()).type("JWT").and()
                .audience().add(claims.audience()).and()
                .issuedAt(Date.from(claims.issuedAtInstant()))
                .expiration(Date.from(claims.expiresAtInstant()))
                .issuer(claims.issuer())
                .claim(LakeClaims.ORG_ID, claims.orgId())
                .claim(LakeClaims.MULTI_USE, claims.multiUse())
                .claim(LakeClaims.PAT, claims.pat())
                .subject(claims.subject());
        if (!claims.extraClaims().isEmpty()) {
            claims.extraClaims().forEach((name, value) -> jwt.claim(name, keptByJjwt(name, value)));
        }
        if (provider != null) {
            jwt.provider(provider);
        }
        return jwt.signWith(key.privateKey(), algorithm).compact();
    }

    /** The value, if jjwt writes it unchanged; jjwt drops nulls and converts {@code nbf} to whole seconds. */
    private static Object keptByJjwt(String name, Object value) {
        if (value == null) {
            throw new SigningException("extra claim '" + name + "' is null, and jjwt drops claims whose value is null: "
                    + "leave the claim out, give it a value, or use another signer (e.g. jdk)");
        }
        if (NOT_BEFORE.equals(name) && !(value instanceof Long || value instanceof Integer)) {
            throw new SigningException("extra claim 'nbf' must be whole epoch seconds for jjwt, which rewrites any other "
                    + "value (" + value.getClass().getSimpleName() + ") as a date: give a long, or use another signer");
        }
        return value;
    }
}
