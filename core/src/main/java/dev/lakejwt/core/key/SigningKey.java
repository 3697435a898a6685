package dev.lakejwt.core.key;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.KeyLoadingException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Objects;
import java.util.Optional;

/**
 * A private key ready to sign Lake tokens: the key, its {@code kid} (the key's name in the Lake
 * console) and the JWS algorithm, plus optionally the JCA provider that owns the key.
 *
 * <p>Easy to get wrong: the {@code kid} is the key name <em>without</em> {@code .pem}; Lake rejects
 * {@code primary.pem} where it registered {@code primary}. And a native provider such as ACCP only
 * signs fast with a key object of its own: use {@link #withProvider(Provider)}, which converts the
 * key once, instead of handing the provider a JDK key on every signature.
 */
public final class SigningKey {
    /** The smallest RSA modulus Lake-bound keys may have. */
    public static final int MIN_RSA_BITS = 2048;
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private final String keyId;
    private final PrivateKey privateKey;
    private final Algorithm algorithm;
    private final Provider provider;
    private final PublicKey publicKey;

    private SigningKey(String keyId, PrivateKey privateKey, Algorithm algorithm, Provider provider,
                       PublicKey publicKey) {
        this.keyId = requireKeyId(keyId);
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
        this.provider = provider;
        this.publicKey = publicKey;
        checkKeyFitsAlgorithm(privateKey, algorithm, keyId);
        if (publicKey != null) {
            if (!privateKey.getAlgorithm().equalsIgnoreCase(publicKey.getAlgorithm())) {
                throw new KeyLoadingException("key '" + keyId + "': the public key is " + publicKey.getAlgorithm()
                        + " but the private key is " + privateKey.getAlgorithm());
            }
            checkStrength(publicKey, keyId);
        }
    }

    /** A key with the default algorithm for its type: RS256 for RSA, ES256 for EC P-256. */
    public static SigningKey of(String keyId, PrivateKey privateKey) {
        Objects.requireNonNull(privateKey, "privateKey");
        return new SigningKey(keyId, privateKey, defaultAlgorithm(privateKey, keyId), null, null);
    }

    /** A key signing with the given algorithm, which must fit the key type. */
    public static SigningKey of(String keyId, PrivateKey privateKey, Algorithm algorithm) {
        return new SigningKey(keyId, privateKey, algorithm, null, null);
    }

    public String keyId() {
        return keyId;
    }

    public PrivateKey privateKey() {
        return privateKey;
    }

    public Algorithm algorithm() {
        return algorithm;
    }

    /**
     * The matching public key, when the key's source knows it: a key store or token entry's
     * certificate. Signers need it for a key that hides its size and curve (a PKCS#11 handle), e.g.
     * jjwt's {@code Keys.builder(privateKey).publicKey(publicKey)}.
     */
    public Optional<PublicKey> publicKey() {
        return Optional.ofNullable(publicKey);
    }

    /**
     * This key with its public half attached (of the same type; checked for size and curve like the
     * private key). The pair is not verified by a signature: pass the public key that belongs to it.
     */
    public SigningKey withPublicKey(PublicKey newPublicKey) {
        return new SigningKey(keyId, privateKey, algorithm, provider, Objects.requireNonNull(newPublicKey, "publicKey"));
    }

    /** The provider that owns this key and should sign with it; empty means the JCA default choice. */
    public Optional<Provider> provider() {
        return Optional.ofNullable(provider);
    }

    public SigningKey withKeyId(String newKeyId) {
        return new SigningKey(newKeyId, privateKey, algorithm, provider, publicKey);
    }

    public SigningKey withAlgorithm(Algorithm newAlgorithm) {
        return new SigningKey(keyId, privateKey, newAlgorithm, provider, publicKey);
    }

    /**
     * Binds this key to a provider. When the key can be exported (a key loaded from PEM can) and the
     * provider has a {@code KeyFactory} for it, the key is re-created through that factory, so the
     * provider signs without converting the key on every call; otherwise (a PKCS#11 handle, a provider
     * with signatures only) the key object is kept as it is.
     */
    public SigningKey withProvider(Provider newProvider) {
        Objects.requireNonNull(newProvider, "provider");
        PrivateKey converted = privateKey;
        byte[] encoded = "PKCS#8".equals(privateKey.getFormat()) ? privateKey.getEncoded() : null;
        if (encoded != null) {
            try {
                converted = KeyFactory.getInstance(algorithm.keyType(), newProvider)
                        .generatePrivate(new PKCS8EncodedKeySpec(encoded));
            } catch (NoSuchAlgorithmException e) {
                converted = privateKey;
            } catch (GeneralSecurityException e) {
                throw new KeyLoadingException("JCA provider " + newProvider.getName() + " cannot take the "
                        + algorithm.keyType() + " key '" + keyId + "' (" + e.getClass().getSimpleName()
                        + "): choose another provider or algorithm");
            } finally {
                java.util.Arrays.fill(encoded, (byte) 0);
            }
        }
        return new SigningKey(keyId, converted, algorithm, newProvider, publicKey);
    }

    /** Says which key this is without showing any key material. */
    @Override
    public String toString() {
        return "SigningKey[kid=" + keyId + ", alg=" + algorithm + ", key=" + describe(privateKey)
                + ", provider=" + (provider == null ? "default" : provider.getName()) + "]";
    }

    /** A human description of a key: type and size, never material. */
    static String describe(java.security.Key key) {
        if (key instanceof RSAKey rsa && rsa.getModulus() != null) {
            return "RSA " + rsa.getModulus().bitLength() + "-bit";
        }
        if (key instanceof ECKey ec && ec.getParams() != null) {
            return "EC " + ec.getParams().getCurve().getField().getFieldSize() + "-bit";
        }
        return key.getAlgorithm();
    }

    private static String requireKeyId(String keyId) {
        if (keyId == null || keyId.isBlank()) {
            throw new KeyLoadingException("the key id (kid) is empty: give the key's name in the Lake console, "
                    + "e.g. 'primary' for primary.pem");
        }
        if (keyId.chars().anyMatch(Character::isISOControl)) {
            throw new KeyLoadingException("the key id (kid) contains control characters");
        }
        return keyId;
    }

    private static Algorithm defaultAlgorithm(PrivateKey key, String keyId) {
        try {
            return Algorithm.defaultFor(key.getAlgorithm());
        } catch (IllegalArgumentException e) {
            throw new KeyLoadingException("key '" + keyId + "' is a " + key.getAlgorithm()
                    + " key; Lake tokens need an RSA key (RS256) or an EC P-256 key (ES256)");
        }
    }

    private static void checkKeyFitsAlgorithm(PrivateKey key, Algorithm algorithm, String keyId) {
        String type = key.getAlgorithm();
        boolean typeFits = algorithm.keyType().equalsIgnoreCase(type)
                || ("EC".equals(algorithm.keyType()) && "ECDSA".equalsIgnoreCase(type));
        if (!typeFits) {
            throw new KeyLoadingException("key '" + keyId + "' is a " + type + " key but " + algorithm
                    + " needs an " + algorithm.keyType() + " key");
        }
        checkStrength(key, keyId);
    }

    /**
     * The RSA size and EC curve checks for a private or public key; a key that hides its parameters
     * (a PKCS#11 handle) passes, so loaders check the public half from its certificate too.
     */
    static void checkStrength(java.security.Key key, String keyId) {
        if (key instanceof RSAKey rsa && rsa.getModulus() != null && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw new KeyLoadingException("RSA key '" + keyId + "' has " + rsa.getModulus().bitLength()
                    + " bits; at least " + MIN_RSA_BITS + " are required: generate a new key in the Lake console "
                    + "or with 'lakejwt keygen'");
        }
        if (key instanceof ECKey ec && ec.getParams() != null && !isP256(ec.getParams())) {
            throw new KeyLoadingException("EC key '" + keyId + "' is not on curve P-256 (secp256r1); ES256 needs P-256");
        }
    }

    private static boolean isP256(ECParameterSpec params) {
        return params.getCurve().getField().getFieldSize() == 256 && P256_ORDER.equals(params.getOrder());
    }
}
