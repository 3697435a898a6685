package dev.lakejwt.testkit.contract;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.AbstractJwtSigner;
import dev.lakejwt.core.sign.JwtSigner;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Signers each broken in one way the contract must catch; registered as services for the test class path. */
final class BrokenSigners {
    private BrokenSigners() {
    }

    private static String compact(Map<String, Object> payload, SigningKey key, Provider provider) throws Exception {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", key.algorithm().name());
        header.put("kid", key.keyId());
        header.put("typ", "JWT");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(JwtSignerContractCanFailTest.JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JwtSignerContractCanFailTest.JSON.writeValueAsBytes(payload));
        return input + "." + b64.encodeToString(JcaSignatures.sign(key.algorithm(), key.privateKey(), provider,
                input.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Writes a one-element aud as a plain string, as nimbus and jose4j do by default. */
    public static final class StringAudience extends AbstractJwtSigner {
        public StringAudience() {
            this(null);
        }

        StringAudience(Provider provider) {
            super("broken-string-aud", EnumSet.allOf(Algorithm.class), provider);
        }

        @Override
        public JwtSigner withProvider(Provider provider) {
            return new StringAudience(provider);
        }

        @Override
        protected String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception {
            Map<String, Object> payload = claims.asMap();
            if (claims.audience().size() == 1) {
                payload.put("aud", claims.audience().get(0));
            }
            return compact(payload, key, provider);
        }
    }

    /** Says it uses the provider it is given, but signs with the JCA default. */
    public static final class IgnoresProvider extends AbstractJwtSigner {
        public IgnoresProvider() {
            this(null);
        }

        IgnoresProvider(Provider provider) {
            super("broken-ignores-provider", EnumSet.allOf(Algorithm.class), provider);
        }

        @Override
        public JwtSigner withProvider(Provider provider) {
            return new IgnoresProvider(provider);
        }

        @Override
        protected String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception {
            return compact(claims.asMap(), key, null);
        }
    }

    /**
     * Rebuilds the private key from its encoding before signing, as libraries that cast or copy keys do:
     * fine for a PEM key, impossible for a key that cannot leave a PKCS#11 token.
     */
    public static final class ExportsTheKey extends AbstractJwtSigner {
        public ExportsTheKey() {
            this(null);
        }

        ExportsTheKey(Provider provider) {
            super("broken-exports-key", EnumSet.allOf(Algorithm.class), provider);
        }

        @Override
        public JwtSigner withProvider(Provider provider) {
            return new ExportsTheKey(provider);
        }

        @Override
        protected String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception {
            byte[] encoded = key.privateKey().getEncoded();
            if (encoded == null) {
                throw new InvalidKeyException("the key has no encoding to copy");
            }
            PrivateKey copy = KeyFactory.getInstance(key.algorithm().keyType())
                    .generatePrivate(new PKCS8EncodedKeySpec(encoded));
            return compact(claims.asMap(), SigningKey.of(key.keyId(), copy, key.algorithm()), provider);
        }
    }

    /** Skips AbstractJwtSigner and passes a failure on with the claims, PAT included, in its message. */
    public static final class LeakyFailures implements JwtSigner {
        private final JdkJwtSigner delegate;

        public LeakyFailures() {
            this(new JdkJwtSigner());
        }

        private LeakyFailures(JdkJwtSigner delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return "broken-leaky";
        }

        @Override
        public Set<Algorithm> algorithms() {
            return delegate.algorithms();
        }

        @Override
        public Optional<Provider> provider() {
            return delegate.provider();
        }

        @Override
        public JwtSigner withProvider(Provider provider) {
            return new LeakyFailures(delegate.withProvider(provider));
        }

        @Override
        public String sign(LakeClaims claims, SigningKey key) {
            try {
                return compact(claims.asMap(), key, delegate.provider().or(key::provider).orElse(null));
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign " + claims.asMap() + " with " + key.keyId(), e);
            }
        }
    }
}
