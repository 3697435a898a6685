package dev.lakejwt.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.jdk.JcaSignatures;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds tokens by hand, valid or broken in exactly one way, signed with the JDK. */
final class TokenForge {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    final Map<String, Object> header = new LinkedHashMap<>();
    final Map<String, Object> claims = new LinkedHashMap<>();
    private PrivateKey key;
    private Algorithm signWith;

    private TokenForge() {
    }

    /** A forge holding exactly what {@code identity} would sign now. */
    static TokenForge of(LakeIdentity identity) {
        TokenForge f = new TokenForge();
        f.header.put("alg", identity.algorithm().name());
        f.header.put("kid", identity.keyId());
        f.header.put("typ", "JWT");
        f.claims.putAll(identity.claims().asMap());
        f.key = identity.privateKey();
        f.signWith = identity.algorithm();
        return f;
    }

    TokenForge header(String name, Object value) {
        header.put(name, value);
        return this;
    }

    TokenForge withoutHeader(String name) {
        header.remove(name);
        return this;
    }

    TokenForge claim(String name, Object value) {
        claims.put(name, value);
        return this;
    }

    TokenForge without(String name) {
        claims.remove(name);
        return this;
    }

    /** Signs with another private key (and algorithm) than the header names. */
    TokenForge signedWith(PrivateKey key, Algorithm algorithm) {
        this.key = key;
        this.signWith = algorithm;
        return this;
    }

    String headerJson() {
        return write(header);
    }

    String claimsJson() {
        return write(claims);
    }

    String sign() {
        return signRaw(headerJson(), claimsJson());
    }

    String signRaw(String headerJson, String claimsJson) {
        String input = b64(headerJson) + "." + b64(claimsJson);
        try {
            return input + "." + B64.encodeToString(JcaSignatures.sign(signWith, key, null,
                    input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HMAC token keyed with {@code secret}: the classic algorithm-confusion forgery. */
    String hmac(String alg, byte[] secret) {
        header.put("alg", alg);
        String input = b64(headerJson()) + "." + b64(claimsJson());
        String jca = "Hmac" + alg.replace("HS", "SHA");
        try {
            Mac mac = Mac.getInstance(jca);
            mac.init(new SecretKeySpec(secret, jca));
            return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unsecured token: alg none and an empty signature. */
    String unsecured() {
        header.put("alg", "none");
        return b64(headerJson()) + "." + b64(claimsJson()) + ".";
    }

    static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
