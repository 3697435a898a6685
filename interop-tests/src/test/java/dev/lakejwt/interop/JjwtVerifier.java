package dev.lakejwt.interop;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.Jws;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import java.security.PublicKey;
import java.util.LinkedHashMap;
import java.util.Map;

/** jjwt's parser, with the algorithm pinned and aud/iss required (jjwt checks neither unless asked). */
final class JjwtVerifier implements StrictVerifier {
    private static final Map<Algorithm, SignatureAlgorithm> ALGORITHMS = Map.of(
            Algorithm.RS256, Jwts.SIG.RS256, Algorithm.PS256, Jwts.SIG.PS256, Algorithm.ES256, Jwts.SIG.ES256);

    @Override
    public Map<String, Object> verify(String token, PublicKey key, Algorithm algorithm, String keyId) {
        Jws<Claims> jws = Jwts.parser()
                .verifyWith(key)
                .sig().clear().add(ALGORITHMS.get(algorithm)).and()
                .requireAudience(LakeClaims.LAKE_AUDIENCE)
                .requireIssuer(ISSUER)
                .build()
                .parseSignedClaims(token);
        if (!keyId.equals(jws.getHeader().getKeyId()) || !"JWT".equals(jws.getHeader().getType())) {
            throw new IllegalArgumentException("unexpected kid or typ");
        }
        if (jws.getPayload().getExpiration() == null) {
            throw new IllegalArgumentException("exp missing (jjwt cannot be told to require it)");
        }
        return new LinkedHashMap<>(jws.getPayload());
    }

    @Override
    public String toString() {
        return "jjwt";
    }
}
