package dev.lakejwt.core.key;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.KeyLoadingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PKCS#11 token (an HSM, a smart card, SoftHSM) reached through the JDK's {@code SunPKCS11}
 * provider: loads a signing key by its label, or generates a key pair inside the token and returns
 * only the public key, for the Lake console's "upload public key" step. Keys stay in the token: a
 * loaded {@link SigningKey} is a handle that carries this token's provider, and every signer signs
 * through that provider.
 *
 * <p>Easy to get wrong: the JDK sees only private keys that have a certificate in the token (its
 * PKCS#11 key store pairs keys with certificates); {@link #generateKeyPair} stores a self-signed one,
 * but for a key made with another tool, import a certificate with the key's {@code CKA_ID}. And a
 * PKCS#11 login belongs to the whole process: once a key has been loaded with the right PIN, the
 * token stays logged in and later loads in the same JVM are not asked for the PIN again by the token.
 * The PIN arrays are zero-filled before each method returns.
 */
public final class Pkcs11Token {
    /** RSA keys generated in a token have this many bits, like the keys the Lake console creates. */
    public static final int RSA_BITS = 2048;
    static final String PIN_SETTING = "LAKE_PIN (CLI --pin-env NAME_OF_VARIABLE)";
    private static final Pattern PKCS11_CODE = Pattern.compile("CKR_[A-Z0-9_]+");
    private static final Map<String, Pkcs11Token> OPEN = new ConcurrentHashMap<>();

    private final Pkcs11Config config;
    private final Provider provider;

    private Pkcs11Token(Pkcs11Config config, Provider provider) {
        this.config = config;
        this.provider = provider;
    }

    /**
     * The token a configuration points at, with its provider configured. Opening the same configuration
     * again returns the same token (one provider per configuration and process).
     *
     * @throws KeyLoadingException when the library is missing or not a PKCS#11 library, the slot does
     *                             not exist or holds no initialized token, or the configuration is invalid
     */
    public static Pkcs11Token open(Pkcs11Config config) {
        Objects.requireNonNull(config, "config");
        Pkcs11Token token = OPEN.get(config.text());
        if (token != null) {
            return token;
        }
        synchronized (OPEN) {
            return OPEN.computeIfAbsent(config.text(), text -> new Pkcs11Token(config, configure(config)));
        }
    }

    /** The {@code SunPKCS11} provider bound to this token; not registered with {@link Security}. */
    public Provider provider() {
        return provider;
    }

    /**
     * Logs in and loads the private key labelled {@code label}; its {@code kid} is the label.
     *
     * @param pin the user PIN, zero-filled before this returns
     * @throws KeyLoadingException for a missing or wrong PIN, an unknown label (the message lists the
     *                             token's keys), or a key Lake cannot use
     */
    public SigningKey loadKey(String label, char[] pin) {
        try {
            KeyStore store = login(pin);
            return new KeyStoreEntries(store, "PKCS#11 token (" + config + ")", PIN_SETTING,
                    "; the JDK sees only keys that have a certificate in the token").signingKey(label, null)
                    .withProvider(provider);
        } finally {
            wipe(pin);
        }
    }

    /**
     * Generates a key pair inside the token, as token objects whose private key is sensitive and not
     * extractable, stores it under {@code label} with a self-signed certificate signed by the token
     * key itself, and returns the public key (an ordinary JDK key, ready for
     * {@link PemEncoder#publicKeyPem}).
     *
     * @param algorithm RS256 or PS256 give an RSA key of {@link #RSA_BITS} bits, ES256 a P-256 key
     * @param pin       the user PIN, zero-filled before this returns
     * @throws KeyLoadingException when the label is taken, the PIN is wrong, or the token refuses
     */
    public PublicKey generateKeyPair(String label, Algorithm algorithm, char[] pin) {
        Objects.requireNonNull(algorithm, "algorithm");
        try {
            if (label == null || label.isBlank() || label.chars().anyMatch(Character::isISOControl)) {
                throw new KeyLoadingException("a key in a PKCS#11 token needs a label (" + KeyStoreEntries.ALIAS_SETTING
                        + "), e.g. the key's name in the Lake console such as 'primary'");
            }
            KeyStore store = login(pin);
            if (store.containsAlias(label)) {
                throw new KeyLoadingException("the PKCS#11 token (" + config + ") already holds a key labelled '"
                        + label + "': choose another label, or delete that key with the token's own tool");
            }
            KeyPair pair = generate(algorithm);
            Certificate certificate = SelfSignedCertificate.create(pair, label, algorithm, provider);
            store.setKeyEntry(label, pair.getPrivate(), null, new Certificate[] {certificate});
            return KeyFactory.getInstance(algorithm.keyType())
                    .generatePublic(new X509EncodedKeySpec(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("generating a " + algorithm + " key pair labelled '" + label
                    + "' in the PKCS#11 token (" + config + ") failed: " + describe(e));
        } finally {
            wipe(pin);
        }
    }

    private KeyPair generate(Algorithm algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType(), provider);
        if ("EC".equals(algorithm.keyType())) {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        } else {
            generator.initialize(RSA_BITS);
        }
        return generator.generateKeyPair();
    }

    private KeyStore login(char[] pin) {
        if (pin == null || pin.length == 0) {
            throw new KeyLoadingException("no PIN given for the PKCS#11 token (" + config + "): set " + PIN_SETTING);
        }
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS11", provider);
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("the PKCS#11 provider for (" + config + ") has no key store: " + describe(e));
        }
        try {
            store.load(null, pin);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            String code = pkcs11Code(e);
            String problem = switch (code == null ? "" : code) {
                case "CKR_PIN_INCORRECT" -> "wrong PIN (set " + PIN_SETTING + ")";
                case "CKR_PIN_LOCKED" -> "the user PIN is locked after too many wrong attempts: unlock it with "
                        + "the security officer PIN";
                case "CKR_PIN_LEN_RANGE" -> "the PIN has a length the token does not accept";
                case "CKR_USER_PIN_NOT_INITIALIZED" -> "the token has no user PIN yet: initialize it "
                        + "(e.g. softhsm2-util --init-pin)";
                case "CKR_PIN_EXPIRED" -> "the PIN has expired: change it with the token's own tool";
                default -> "login failed: " + describe(e);
            };
            throw new KeyLoadingException("cannot log in to the PKCS#11 token (" + config + "): " + problem);
        }
    }

    private static Provider configure(Pkcs11Config config) {
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new KeyLoadingException("this JDK has no SunPKCS11 provider (module jdk.crypto.cryptoki): use a "
                    + "full JDK 17+ to sign with a PKCS#11 token");
        }
        Path file = null;
        try {
            // A file, not the inline "--" form: the inline form rewrites backslash-n, which breaks Windows paths.
            file = Files.createTempFile("lakejwt-pkcs11-", ".cfg");
            Files.writeString(file, config.text(), StandardCharsets.ISO_8859_1);
            return base.configure(file.toString());
        } catch (IOException e) {
            throw new KeyLoadingException("cannot write the SunPKCS11 configuration for (" + config + ") to a "
                    + "temporary file: " + e.getClass().getSimpleName());
        } catch (RuntimeException e) {
            throw new KeyLoadingException("cannot open the PKCS#11 token (" + config + "): " + explainOpenFailure(e));
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a configuration holds no secret; a leftover temporary file is harmless
                }
            }
        }
    }

    private static String explainOpenFailure(RuntimeException e) {
        String code = pkcs11Code(e);
        if ("CKR_SLOT_ID_INVALID".equals(code)) {
            return "the library has no such slot (CKR_SLOT_ID_INVALID): list the slots with "
                    + "'softhsm2-util --show-slots' or 'pkcs11-tool -L'";
        }
        if ("CKR_TOKEN_NOT_RECOGNIZED".equals(code) || "CKR_TOKEN_NOT_PRESENT".equals(code)) {
            return "the slot holds no initialized token (" + code + "): initialize one (e.g. 'softhsm2-util "
                    + "--init-token --free --label lakejwt') or choose another slot";
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.startsWith("Library ") && message.endsWith(" does not exist")) {
                return "the PKCS#11 library is missing: " + message + " (install the token's PKCS#11 module; "
                        + "for SoftHSM 2: apt-get install softhsm2)";
            }
            if (t.getClass().getSimpleName().equals("ConfigurationException")) {
                return "invalid SunPKCS11 configuration: " + message;
            }
            if (t instanceof IOException) {
                // The JDK's native loader reports dlopen's error followed by the path once more.
                String reason = message.replaceFirst("^(.+?): (.+?)\\1$", "$1: $2");
                return "the library is not a loadable PKCS#11 module (" + reason + "): give the token's PKCS#11 "
                        + "library, e.g. /usr/lib/softhsm/libsofthsm2.so";
            }
        }
        return describe(e);
    }

    /** The PKCS#11 return code (e.g. {@code CKR_PIN_INCORRECT}) somewhere in a cause chain, or null. */
    static String pkcs11Code(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                Matcher m = PKCS11_CODE.matcher(t.getMessage());
                if (m.find()) {
                    return m.group();
                }
            }
        }
        return null;
    }

    /** The innermost message of a cause chain: provider messages name codes and paths, never the PIN. */
    private static String describe(Throwable e) {
        Throwable innermost = e;
        while (innermost.getCause() != null && innermost.getCause() != innermost) {
            innermost = innermost.getCause();
        }
        String code = pkcs11Code(e);
        String message = innermost.getMessage();
        return innermost.getClass().getSimpleName() + (message == null ? "" : ": " + message)
                + (code != null && (message == null || !message.contains(code)) ? " (" + code + ")" : "");
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }

    @Override
    public String toString() {
        return "Pkcs11Token[" + config + ", provider=" + provider.getName() + "]";
    }
}
