package dev.lakejwt.core.sign;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.key.SigningKey;
import java.security.Provider;
import java.util.Optional;
import java.util.Set;

/**
 * The signing SPI: turns a {@link LakeClaims} and a {@link SigningKey} into a compact JWS with the
 * header {@code {"alg":…,"kid":…,"typ":"JWT"}}. Implementations are found by {@link JwtSigners}
 * through {@link java.util.ServiceLoader} under a short {@link #name()} ({@code jdk}, {@code jjwt},
 * {@code nimbus}, {@code jose4j}); extend {@link AbstractJwtSigner} rather than implementing this directly.
 *
 * <p>Easy to get wrong: a signer is immutable, thread-safe and meant to be shared; {@link
 * #withProvider(Provider)} returns a <em>new</em> signer and leaves this one untouched.
 */
public interface JwtSigner {

    /** The short, lower-case name this signer is selected by, e.g. {@code jdk}. */
    String name();

    /** The algorithms this signer can produce. */
    Set<Algorithm> algorithms();

    /** The JCA provider this signer signs with; empty means the key's provider, else the JCA default. */
    Optional<Provider> provider();

    /** A signer like this one that signs with {@code provider}. */
    JwtSigner withProvider(Provider provider);

    /**
     * Signs the claims with the key.
     *
     * @return the compact JWS, {@code header.payload.signature}
     * @throws dev.lakejwt.core.SigningException when the key's algorithm is not supported or signing fails
     */
    String sign(LakeClaims claims, SigningKey key);
}
