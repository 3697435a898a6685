package dev.lakejwt.jose4j;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.AbstractJwtSigner;
import java.security.Provider;
import java.security.Security;
import java.util.EnumMap;
import java.util.Map;
import org.jose4j.jca.ProviderContext;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.ReservedClaimNames;
import org.jose4j.jwx.HeaderParameterNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link dev.lakejwt.core.sign.JwtSigner} named {@code jose4j}: {@link JwtClaims} set in Lake's
 * order and a {@link JsonWebSignature} per token. The token is byte for byte the {@code jdk}
 * reference signer's, except where a claim holds U+007F to U+009F or U+2000 to U+20FF (such as the
 * euro sign), which jose4j's JSON writer escapes, or a character beyond U+FFFF, which the
 * reference escapes; the decoded claims are equal even then. Immutable and thread-safe: jose4j's
 * objects are made per token, and the provider context is built once per provider.
 *
 * <p>Easy to get wrong: {@code JwtClaims.setAudience(x)} writes a one-element audience as a
 * string, so {@code aud} is set as a list. And jose4j selects a JCA provider only by its
 * registered <em>name</em>: a provider instance given to this signer (or bound to the key) that is
 * not registered with {@link Security} is registered, at the lowest preference, the first time it
 * signs. That is a JVM-wide side effect (logged once at INFO); it changes no default provider
 * choice, because every provider registered before keeps precedence. A <em>different</em> provider
 * instance already registered under the same name is refused, since jose4j would sign with that one.
 */
public final class Jose4jSigner extends AbstractJwtSigner {
    /** The name this signer is registered under. */
    public static final String NAME = "jose4j";
    private static final Logger LOG = LoggerFactory.getLogger(Jose4jSigner.class);
    private static final Map<Algorithm, String> ALGORITHMS = new EnumMap<>(Map.of(
            Algorithm.RS256, AlgorithmIdentifiers.RSA_USING_SHA256,
            Algorithm.PS256, AlgorithmIdentifiers.RSA_PSS_USING_SHA256,
            Algorithm.ES256, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256));

    /** The provider context for the provider used last (jose4j only reads it); rebuilt when the provider changes. */
    private volatile ProviderBinding last;

    /** Signs with the key's provider, else the JCA default (the constructor {@link java.util.ServiceLoader} uses). */
    public Jose4jSigner() {
        this(null);
    }

    /**
     * Signs with {@code provider}; {@code null} means the key's provider, else the JCA default. See the
     * class comment for how an unregistered provider is made known to jose4j.
     */
    public Jose4jSigner(Provider provider) {
        super(NAME, ALGORITHMS.keySet(), provider);
    }

    @Override
    public Jose4jSigner withProvider(Provider provider) {
        return new Jose4jSigner(provider);
    }

    @Override
    protected String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception {
        JwtClaims jwt = new JwtClaims();
        jwt.setClaim(ReservedClaimNames.AUDIENCE, claims.audience());
        jwt.setIssuedAt(NumericDate.fromSeconds(claims.issuedAt()));
        jwt.setExpirationTime(NumericDate.fromSeconds(claims.expiresAt()));
        jwt.setIssuer(claims.issuer());
        jwt.setClaim(LakeClaims.ORG_ID, claims.orgId());
        jwt.setClaim(LakeClaims.MULTI_USE, claims.multiUse());
        jwt.setClaim(LakeClaims.PAT, claims.pat());
        jwt.setSubject(claims.subject());
        claims.extraClaims().forEach(jwt::setClaim);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(ALGORITHMS.get(key.algorithm()));
        jws.setKeyIdHeaderValue(key.keyId());
        jws.setHeader(HeaderParameterNames.TYPE, "JWT");
        jws.setPayload(jwt.toJson());
        jws.setKey(key.privateKey());
        if (provider != null) {
            jws.setProviderContext(providerContext(provider));
        }
        return jws.getCompactSerialization();
    }

    private ProviderContext providerContext(Provider provider) {
        ProviderBinding binding = last;
        if (binding == null || binding.provider != provider) {
            binding = new ProviderBinding(provider);
            last = binding;
        }
        ensureRegistered(provider);
        return binding.context;
    }

    /** Makes {@code provider} the one jose4j finds under its name, or refuses if another instance has the name. */
    static void ensureRegistered(Provider provider) {
        String name = provider.getName();
        Provider registered = Security.getProvider(name);
        if (registered == provider) {
            return;
        }
        if (registered == null && Security.addProvider(provider) != -1) {
            LOG.info("registered JCA provider '{}' with java.security.Security at the lowest preference, because "
                    + "jose4j selects providers by name only; providers registered before keep precedence", name);
            return;
        }
        if (Security.getProvider(name) != provider) {
            throw new SigningException("signer 'jose4j' selects JCA providers by name, and a different provider named '"
                    + name + "' is already registered with java.security.Security, so jose4j would sign with that one: "
                    + "pass the registered instance (Security.getProvider(\"" + name + "\")), remove it first, "
                    + "or use another signer (jdk, jjwt, nimbus take a provider instance)");
        }
    }

    /** A jose4j provider context naming one provider for signatures with the supplied private key. */
    private static final class ProviderBinding {
        final Provider provider;
        final ProviderContext context;

        ProviderBinding(Provider provider) {
            this.provider = provider;
            this.context = new ProviderContext();
            context.getSuppliedKeyProviderContext().setSignatureProvider(provider.getName());
        }
    }
}
