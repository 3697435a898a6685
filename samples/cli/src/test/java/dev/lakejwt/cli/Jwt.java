package dev.lakejwt.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.jdk.JcaSignatures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.Base64;

/**
 * A compact JWS taken apart for assertions, with the JDK and Jackson only.
 *
 * @param header    the decoded header
 * @param payload   the decoded claims
 * @param signature the raw signature bytes
 * @param input     the signing input, {@code header.payload}
 */
record Jwt(JsonNode header, JsonNode payload, byte[] signature, String input) {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Jwt parse(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS: " + parts.length + " parts");
        }
        Base64.Decoder b64 = Base64.getUrlDecoder();
        try {
            return new Jwt(JSON.readTree(b64.decode(parts[0])), JSON.readTree(b64.decode(parts[1])),
                    b64.decode(parts[2]), parts[0] + "." + parts[1]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean verifiesWith(PublicKey key) {
        try {
            return JcaSignatures.verify(Algorithm.valueOf(header.get("alg").asText()), key,
                    input.getBytes(StandardCharsets.US_ASCII), signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
