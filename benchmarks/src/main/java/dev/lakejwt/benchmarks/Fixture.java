package dev.lakejwt.benchmarks;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.jdk.JcaSignatures;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JcaProviders;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Locale;

/**
 * What the benchmarks sign with: a fresh key pair for the algorithm (RSA-2048 or EC P-256), bound to
 * the provider the way {@code LAKE_JCA_PROVIDER} binds it ({@link SigningKey#withProvider}, so a native
 * provider gets a key object of its own), realistic Lake credentials, and a check that a token really
 * verifies before anything is timed.
 */
final class Fixture {
    /** The {@code provider} parameter for the JDK's default choice. */
    static final String JDK = "jdk";
    /** Shaped like the console's: a Lake user, a PAT and an organization id of typical length. */
    static final LakeCredentials CREDENTIALS = new LakeCredentials("demo_user",
            "pat-5c1e9f7b2d4a4e0f9a3b8c6d1e2f3a4b", "0b5e5a1c-7d3f-4c8e-9a6b-2f1d4e8c7a90");
    static final String KEY_ID = "primary";

    final Algorithm algorithm;
    final Provider provider;
    final KeyPair pair;
    final SigningKey key;

    private Fixture(Algorithm algorithm, Provider provider, KeyPair pair, SigningKey key) {
        this.algorithm = algorithm;
        this.provider = provider;
        this.pair = pair;
        this.key = key;
    }

    /** A new key pair for {@code alg} ({@code RS256}, {@code PS256}, {@code ES256}) bound to {@code provider} ({@code jdk}, {@code accp}). */
    static Fixture of(String alg, String provider) throws GeneralSecurityException {
        Algorithm algorithm = Algorithm.valueOf(alg);
        Provider jca = JDK.equals(provider) ? null : JcaProviders.named(provider).orElseThrow();
        KeyPair pair = keyPair(algorithm);
        SigningKey key = SigningKey.of(KEY_ID, pair.getPrivate(), algorithm);
        if (jca != null) {
            key = key.withProvider(jca);
            String keyClass = key.privateKey().getClass().getName();
            if (!keyClass.startsWith(jca.getClass().getPackageName())) {
                throw new IllegalStateException("provider " + jca.getName() + " kept the JDK key object (" + keyClass
                        + "): it would convert the key on every signature, so the numbers would not be its own");
            }
        }
        return new Fixture(algorithm, jca, pair, key);
    }

    /** A fresh key pair for {@code algorithm}: RSA-2048 for RS256 and PS256, P-256 for ES256. */
    static KeyPair keyPair(Algorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType());
        if (algorithm == Algorithm.ES256) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(SigningKey.MIN_RSA_BITS);
        }
        return generator.generateKeyPair();
    }

    /** The signer named {@code name}, signing through this fixture's provider (or the JCA default). */
    JwtSigner signer(String name) {
        JwtSigner signer = JwtSigners.named(name.toLowerCase(Locale.ROOT), provider);
        if (!signer.algorithms().contains(algorithm)) {
            throw new IllegalArgumentException("signer '" + name + "' does not sign " + algorithm
                    + ": leave that combination out with -p");
        }
        return signer;
    }

    /** Lake's claim policy with the system clock, so each assembly has the current {@code iat}. */
    static ClaimsAssembler assembler() {
        return ClaimsAssembler.defaults();
    }

    /** Fails unless {@code token} is a compact JWS whose signature this fixture's public key accepts. */
    void requireValid(String token) throws GeneralSecurityException {
        int dot = token.lastIndexOf('.');
        boolean valid = dot > 0 && JcaSignatures.verify(algorithm, pair.getPublic(),
                token.substring(0, dot).getBytes(StandardCharsets.US_ASCII),
                Base64.getUrlDecoder().decode(token.substring(dot + 1)));
        if (!valid) {
            throw new IllegalStateException("the " + algorithm + " token does not verify with the fixture's public key");
        }
    }
}
