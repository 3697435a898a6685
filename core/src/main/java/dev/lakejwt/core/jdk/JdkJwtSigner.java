package dev.lakejwt.core.jdk;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.internal.Json;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.AbstractJwtSigner;
import java.nio.charset.StandardCharsets;
import java.security.Provider;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The reference {@link dev.lakejwt.core.sign.JwtSigner} (name {@code jdk}): JDK
 * {@link java.security.Signature} and Jackson, nothing else. Writes the header exactly as
 * {@code {"alg":…,"kid":…,"typ":"JWT"}} and the claims in Lake's documented order, {@code aud}
 * always as an array and times as integers. Immutable and thread-safe.
 *
 * <p>Easy to get wrong: do not construct this to select a signer by configuration; use
 * {@code JwtSigners.named(name)}, which returns this for {@code jdk} and an adapter otherwise.
 */
public final class JdkJwtSigner extends AbstractJwtSigner {
    public static final String NAME = "jdk";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    /** The reference signer with the JCA default provider (used by {@link java.util.ServiceLoader}). */
    public JdkJwtSigner() {
        this(null);
    }

    /** The reference signer signing with {@code provider} ({@code null} for the JCA default). */
    public JdkJwtSigner(Provider provider) {
        super(NAME, EnumSet.allOf(Algorithm.class), provider);
    }

    @Override
    public JdkJwtSigner withProvider(Provider provider) {
        return new JdkJwtSigner(provider);
    }

    @Override
    protected String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>(4);
        header.put("alg", key.algorithm().name());
        header.put("kid", key.keyId());
        header.put("typ", "JWT");
        String signingInput = B64.encodeToString(Json.writeOrdered(header)) + '.'
                + B64.encodeToString(Json.writeOrdered(claims.asMap()));
        byte[] signature = JcaSignatures.sign(key.algorithm(), key.privateKey(), provider,
                signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + '.' + B64.encodeToString(signature);
    }
}
