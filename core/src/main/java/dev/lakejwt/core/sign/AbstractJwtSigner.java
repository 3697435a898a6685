package dev.lakejwt.core.sign;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.LakeJwtException;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.internal.Redact;
import dev.lakejwt.core.key.SigningKey;
import java.security.Provider;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Base class of every {@link JwtSigner}: {@link #sign} is final and does what all signers share
 * (argument checks, algorithm support, provider choice, and turning any library failure into a
 * {@link SigningException} with secrets scrubbed); a subclass implements only {@link #signToken}.
 *
 * <p>Easy to get wrong: {@code signToken} receives the <em>effective</em> provider (this signer's,
 * else the key's, else {@code null} for the JCA default) and must use exactly that; and it may throw
 * anything, because the caller never sees its raw message (library messages can hold the PAT).
 */
public abstract class AbstractJwtSigner implements JwtSigner {
    private final String name;
    private final Set<Algorithm> algorithms;
    private final Provider provider;

    protected AbstractJwtSigner(String name, Set<Algorithm> algorithms, Provider provider) {
        this.name = Objects.requireNonNull(name, "name");
        this.algorithms = Set.copyOf(EnumSet.copyOf(algorithms));
        this.provider = provider;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Algorithm> algorithms() {
        return algorithms;
    }

    @Override
    public final Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    @Override
    public final String sign(LakeClaims claims, SigningKey key) {
        Objects.requireNonNull(claims, "claims");
        Objects.requireNonNull(key, "key");
        Algorithm algorithm = key.algorithm();
        if (!algorithms.contains(algorithm)) {
            throw new SigningException("signer '" + name + "' cannot sign " + algorithm + " (key '" + key.keyId()
                    + "'); it signs " + EnumSet.copyOf(algorithms) + ": choose another signer or key");
        }
        Provider effective = provider != null ? provider : key.provider().orElse(null);
        String token;
        try {
            token = signToken(claims, key, effective);
        } catch (LakeJwtException e) {
            throw e;
        } catch (Exception e) {
            List<String> secrets = List.of(claims.pat());
            String detail = Redact.scrub(String.valueOf(e.getMessage()), secrets).replaceAll("\\s+", " ");
            throw new SigningException("signer '" + name + "' failed to sign " + algorithm + " with key '"
                    + key.keyId() + "' (provider " + (effective == null ? "default" : effective.getName()) + "): "
                    + e.getClass().getSimpleName() + ": " + detail, Redact.scrubChain(e, secrets));
        }
        if (token == null || token.chars().filter(c -> c == '.').count() != 2) {
            throw new SigningException("signer '" + name + "' returned no compact JWS (three dot-separated parts)");
        }
        return token;
    }

    /**
     * Produces the compact JWS. Called only with an algorithm from {@link #algorithms()}.
     *
     * @param provider the provider to sign with, or {@code null} for the JCA default
     */
    protected abstract String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception;

    @Override
    public String toString() {
        return "JwtSigner[" + name + ", provider=" + (provider == null ? "default" : provider.getName()) + "]";
    }
}
