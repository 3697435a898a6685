package dev.lakejwt.interop;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import java.util.Set;

/**
 * nimbus's {@code DefaultJWTProcessor}: key selected by algorithm and {@code kid} from a one-key JWK
 * set, typ JWT (its default), and a claims verifier that requires the Lake audience, the issuer and
 * the Lake claims (its default checks exp but not aud).
 */
final class NimbusVerifier implements StrictVerifier {

    @Override
    public Map<String, Object> verify(String token, PublicKey key, Algorithm algorithm, String keyId) throws Exception {
        JWK jwk = key instanceof ECPublicKey ec
                ? new ECKey.Builder(Curve.P_256, ec).keyID(keyId).build()
                : new RSAKey.Builder((RSAPublicKey) key).keyID(keyId).build();
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(algorithm.name()),
                new ImmutableJWKSet<>(new JWKSet(jwk))));
        processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(LakeClaims.LAKE_AUDIENCE,
                new JWTClaimsSet.Builder().issuer(ISSUER).build(),
                Set.of(LakeClaims.IAT, LakeClaims.EXP, LakeClaims.SUB, LakeClaims.ORG_ID, LakeClaims.PAT,
                        LakeClaims.MULTI_USE)));
        return processor.process(token, null).toJSONObject();
    }

    @Override
    public String toString() {
        return "nimbus";
    }
}
