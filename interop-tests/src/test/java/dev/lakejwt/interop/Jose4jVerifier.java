package dev.lakejwt.interop;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import java.security.PublicKey;
import java.util.Map;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;

/** jose4j's {@code JwtConsumer} with the algorithm pinned, typ JWT, and exp, iat, sub, aud and iss required. */
final class Jose4jVerifier implements StrictVerifier {
    private static final Map<Algorithm, String> ALGORITHMS = Map.of(
            Algorithm.RS256, AlgorithmIdentifiers.RSA_USING_SHA256,
            Algorithm.PS256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            Algorithm.ES256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    @Override
    public Map<String, Object> verify(String token, PublicKey key, Algorithm algorithm, String keyId) throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, ALGORITHMS.get(algorithm))
                .setExpectedType(true, "JWT")
                .setExpectedAudience(LakeClaims.LAKE_AUDIENCE)
                .setExpectedIssuer(ISSUER)
                .setRequireExpirationTime()
                .setRequireIssuedAt()
                .setRequireSubject()
                .build();
        JwtContext context = consumer.process(token);
        if (!keyId.equals(context.getJoseObjects().get(0).getKeyIdHeaderValue())) {
            throw new IllegalArgumentException("unexpected kid");
        }
        return context.getJwtClaims().getClaimsMap();
    }

    @Override
    public String toString() {
        return "jose4j";
    }
}
