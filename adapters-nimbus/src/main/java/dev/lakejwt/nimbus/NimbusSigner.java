package dev.lakejwt.nimbus;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.SigningException;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.AbstractJwtSigner;
import java.security.Provider;
import java.text.ParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link dev.lakejwt.core.sign.JwtSigner} named {@code nimbus}: a {@link JWSObject} signed by an
 * {@link RSASSASigner} or {@link ECDSASigner} whose {@code JCAContext} carries the provider it is
 * given. The token is byte for byte the {@code jdk} reference signer's, except where a claim holds
 * U+2028, U+2029, a control character or a character beyond U+FFFF, which Gson (nimbus's JSON
 * writer) and Jackson (the reference's) escape differently; the decoded claims are equal even then. Thread-safe: the nimbus signer and header for the last key are built once
 * and shared (both are documented thread-safe/immutable); each token gets its own {@code JWSObject}.
 *
 * <p>Easy to get wrong: nimbus's {@code JWTClaimsSet} writes a one-element {@code aud} as a plain
 * string and orders claims by hash, and {@code Payload(Map)} copies into a {@code HashMap}; so this
 * signer writes Lake's ordered claim map to JSON itself (with nimbus's own {@link JSONObjectUtils})
 * and signs {@code new Payload(String)}. Likewise the header is parsed from Lake's exact bytes,
 * because {@code JWSHeader.Builder} writes {@code alg} last.
 */
public final class NimbusSigner extends AbstractJwtSigner {
    /** The name this signer is registered under. */
    public static final String NAME = "nimbus";
    private static final Map<Algorithm, JWSAlgorithm> ALGORITHMS = new EnumMap<>(Map.of(
            Algorithm.RS256, JWSAlgorithm.RS256,
            Algorithm.PS256, JWSAlgorithm.PS256,
            Algorithm.ES256, JWSAlgorithm.ES256));
    private static final Map<Algorithm, String> JCA_NAMES = new EnumMap<>(Map.of(
            Algorithm.RS256, "SHA256withRSA",
            Algorithm.PS256, "RSASSA-PSS",
            Algorithm.ES256, "SHA256withECDSA"));

    /** The header and nimbus signer for the key (and provider) used last; rebuilt when either changes. */
    private volatile Prepared last;

    /** Signs with the key's provider, else the JCA default (the constructor {@link java.util.ServiceLoader} uses). */
    public NimbusSigner() {
        this(null);
    }

    /** Signs with {@code provider}; {@code null} means the key's provider, else the JCA default. */
    public NimbusSigner(Provider provider) {
        super(NAME, ALGORITHMS.keySet(), provider);
    }

    @Override
    public NimbusSigner withProvider(Provider provider) {
        return new NimbusSigner(provider);
    }

    @Override
    protected String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception {
        Prepared prepared = prepared(key, provider);
        JWSObject jws = new JWSObject(prepared.header, new Payload(JSONObjectUtils.toJSONString(claims.asMap())));
        try {
            jws.sign(prepared.signer);
        } catch (JOSEException e) {
            throw clearer(e, key.algorithm(), provider);
        }
        return jws.serialize();
    }

    /**
     * nimbus reports a provider without the RSA signature as "Unsupported JWS algorithm RS256, must be RS256, …",
     * with no cause; this names the provider and the JCA algorithm it lacks instead.
     */
    private static Exception clearer(JOSEException e, Algorithm algorithm, Provider provider) {
        if (provider == null) {
            return e;
        }
        String jcaName = JCA_NAMES.get(algorithm);
        boolean lacksIt = provider.getService("Signature", jcaName) == null
                && (algorithm != Algorithm.PS256 || provider.getService("Signature", "SHA256withRSAandMGF1") == null);
        if (!lacksIt) {
            return e;
        }
        return new SigningException("signer 'nimbus' cannot sign " + algorithm + ": JCA provider " + provider.getName()
                + " has no " + jcaName + " signature (nimbus reports this as '" + e.getMessage() + "'): choose a "
                + "provider that implements " + jcaName + ", or none for the JCA default");
    }

    private Prepared prepared(SigningKey key, Provider provider) throws JOSEException, ParseException {
        Prepared prepared = last;
        if (prepared == null || prepared.key != key || prepared.provider != provider) {
            prepared = new Prepared(key, provider);
            last = prepared;
        }
        return prepared;
    }

    /** What can be built once per key: the exact header and a configured, thread-safe nimbus signer. */
    private static final class Prepared {
        final SigningKey key;
        final Provider provider;
        final JWSHeader header;
        final JWSSigner signer;

        Prepared(SigningKey key, Provider provider) throws JOSEException, ParseException {
            this.key = key;
            this.provider = provider;
            JWSAlgorithm algorithm = ALGORITHMS.get(key.algorithm());
            Map<String, Object> json = new LinkedHashMap<>(4);
            json.put("alg", algorithm.getName());
            json.put("kid", key.keyId());
            json.put("typ", JOSEObjectType.JWT.getType());
            this.header = JWSHeader.parse(Base64URL.encode(JSONObjectUtils.toJSONString(json)));
            this.signer = key.algorithm() == Algorithm.ES256
                    ? new ECDSASigner(key.privateKey(), Curve.P_256)
                    : new RSASSASigner(key.privateKey());
            if (provider != null) {
                signer.getJCAContext().setProvider(provider);
            }
        }
    }
}
