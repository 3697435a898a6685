package dev.lakejwt.testkit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A compact JWS split and decoded, <em>not</em> verified: the header and claims as ordered maps (in
 * the order the token wrote them), the exact JSON text of both, and the bytes a signature covers.
 * Values are plain Java: {@code String}, {@code Long} (or {@code BigInteger}), {@code BigDecimal},
 * {@code Boolean}, {@code List}, {@code Map} or {@code null}.
 *
 * <p>Easy to get wrong: decoding proves nothing about who made the token; use
 * {@link LakeTokenVerifier} for that. The claims hold the PAT in clear ({@link #claims()},
 * {@link #claimsJson()}); {@link #toString()} and {@link #maskedClaims()} replace it with
 * {@link #MASK}, so print only those.
 */
public final class DecodedToken {
    /** What the PAT is replaced with wherever a token is shown. */
    public static final String MASK = "<redacted>";

    private final String headerJson;
    private final String claimsJson;
    private final ObjectNode headerNode;
    private final ObjectNode claimsNode;
    private final Map<String, Object> header;
    private final Map<String, Object> claims;
    private final byte[] signingInput;
    private final byte[] signature;

    DecodedToken(byte[] headerBytes, byte[] claimsBytes, ObjectNode headerNode, ObjectNode claimsNode,
                 byte[] signingInput, byte[] signature) {
        this.headerJson = new String(headerBytes, StandardCharsets.UTF_8);
        this.claimsJson = new String(claimsBytes, StandardCharsets.UTF_8);
        this.headerNode = headerNode;
        this.claimsNode = claimsNode;
        this.header = TokenJson.toJavaMap(headerNode);
        this.claims = TokenJson.toJavaMap(claimsNode);
        this.signingInput = signingInput;
        this.signature = signature;
    }

    /**
     * Splits and decodes a compact JWS.
     *
     * @throws IllegalArgumentException naming what is malformed (never quoting the token)
     */
    public static DecodedToken decode(String compactToken) {
        TokenParser.Result result = TokenParser.parse(compactToken);
        if (result.token() == null) {
            throw new IllegalArgumentException("not a decodable JWS (" + result.reason() + "): " + result.message());
        }
        return result.token();
    }

    /** The header members in token order. */
    public Map<String, Object> header() {
        return header;
    }

    /** The claims in token order, PAT included. */
    public Map<String, Object> claims() {
        return claims;
    }

    /** The claims with the {@code pat} value replaced by {@link #MASK}; safe to print. */
    public Map<String, Object> maskedClaims() {
        return mask(claims);
    }

    /** The header exactly as the token encoded it. */
    public String headerJson() {
        return headerJson;
    }

    /** The payload exactly as the token encoded it, PAT included. */
    public String claimsJson() {
        return claimsJson;
    }

    /** {@code header.payload} as ASCII bytes: what the signature covers. */
    public byte[] signingInput() {
        return signingInput.clone();
    }

    /** The decoded signature bytes (JOSE form: ES256 is raw {@code R||S}). */
    public byte[] signature() {
        return signature.clone();
    }

    public Optional<String> algorithm() {
        return text(header, "alg");
    }

    public Optional<String> keyId() {
        return text(header, "kid");
    }

    public Optional<String> type() {
        return text(header, "typ");
    }

    public Optional<String> subject() {
        return text(claims, "sub");
    }

    public Optional<String> issuer() {
        return text(claims, "iss");
    }

    public Optional<String> orgId() {
        return text(claims, "org_id");
    }

    public Optional<String> pat() {
        return text(claims, "pat");
    }

    /** {@code aud} as a list: one element for a string, the strings of an array, empty otherwise. */
    public List<String> audience() {
        Object aud = claims.get("aud");
        if (aud instanceof String s) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        if (aud instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return Collections.unmodifiableList(out);
    }

    public Optional<Instant> issuedAt() {
        return seconds("iat");
    }

    public Optional<Instant> expiresAt() {
        return seconds("exp");
    }

    /** {@code multi-use} when it is a JSON boolean. */
    public Optional<Boolean> multiUse() {
        return claims.get("multi-use") instanceof Boolean b ? Optional.of(b) : Optional.empty();
    }

    ObjectNode headerNode() {
        return headerNode;
    }

    ObjectNode claimsNode() {
        return claimsNode;
    }

    byte[] signatureBytes() {
        return signature;
    }

    byte[] signingInputBytes() {
        return signingInput;
    }

    private Optional<Instant> seconds(String claim) {
        JsonNode n = claimsNode.get(claim);
        if (n != null && n.isIntegralNumber() && n.canConvertToLong()) {
            long s = n.longValue();
            if (s >= TokenJson.MIN_EPOCH_SECOND && s <= TokenJson.MAX_EPOCH_SECOND) {
                return Optional.of(Instant.ofEpochSecond(s));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(Map<String, Object> map, String name) {
        return map.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }

    static Map<String, Object> mask(Map<String, Object> claims) {
        if (!claims.containsKey("pat")) {
            return claims;
        }
        Map<String, Object> copy = new LinkedHashMap<>(claims);
        copy.put("pat", MASK);
        return Collections.unmodifiableMap(copy);
    }

    /** The header and the claims with the PAT masked. */
    @Override
    public String toString() {
        return "DecodedToken[header=" + header + ", claims=" + maskedClaims() + "]";
    }
}
