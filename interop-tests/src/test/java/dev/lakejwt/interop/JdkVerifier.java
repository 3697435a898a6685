package dev.lakejwt.interop;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.SignatureException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** The JDK alone ({@link JcaSignatures}) plus Jackson to read the JSON: the verifier no JOSE library is part of. */
final class JdkVerifier implements StrictVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    static Map<String, Object> decode(String token, int part) throws Exception {
        return JSON.readValue(Base64.getUrlDecoder().decode(token.split("\\.")[part]), MAP);
    }

    @Override
    public Map<String, Object> verify(String token, PublicKey key, Algorithm algorithm, String keyId) throws Exception {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new SignatureException("not a compact JWS");
        }
        Map<String, Object> header = decode(token, 0);
        if (!header.equals(Map.of("alg", algorithm.name(), "kid", keyId, "typ", "JWT"))) {
            throw new SignatureException("unexpected header " + header);
        }
        int dot = token.lastIndexOf('.');
        if (!JcaSignatures.verify(algorithm, key, token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(parts[2]))) {
            throw new SignatureException("signature does not verify");
        }
        Map<String, Object> claims = decode(token, 1);
        long now = Instant.now().getEpochSecond();
        if (!(claims.get("aud") instanceof List<?> aud) || !aud.contains(LakeClaims.LAKE_AUDIENCE)) {
            throw new SignatureException("aud is not an array holding " + LakeClaims.LAKE_AUDIENCE);
        }
        if (!(claims.get("exp") instanceof Number exp) || exp.longValue() <= now) {
            throw new SignatureException("exp missing or passed");
        }
        if (!ISSUER.equals(claims.get("iss"))) {
            throw new SignatureException("unexpected iss");
        }
        return claims;
    }

    @Override
    public String toString() {
        return "jdk";
    }
}
