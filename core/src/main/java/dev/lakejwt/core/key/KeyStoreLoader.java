package dev.lakejwt.core.key;

import dev.lakejwt.core.KeyLoadingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.UnrecoverableKeyException;
import java.util.Arrays;

/**
 * Loads a signing key from a PKCS#12 ({@code .p12}/{@code .pfx}) or JKS key store file: the store's
 * type is detected from its content, the entry is picked by alias, and the key's {@code kid} is the
 * alias as given (override it with {@link SigningKey#withKeyId}).
 *
 * <p>Easy to get wrong: both password arrays are <b>zero-filled</b> before {@link #load} returns,
 * whether it succeeds or fails, so pass copies if you need them again. The key password defaults to
 * the store password (what {@code keytool} and {@code openssl pkcs12} write); PKCS#12 and JKS keep
 * aliases in lower case, but the {@code kid} keeps the case you gave, which is what Lake compares.
 */
public final class KeyStoreLoader {
    static final String STORE_PASSWORD_SETTING = "LAKE_PIN (CLI --pin-env NAME_OF_VARIABLE)";
    static final String KEY_PASSWORD_SETTING = "LAKE_KEY_PASSPHRASE (CLI --passphrase-env NAME_OF_VARIABLE)";
    private static final long MAX_STORE_BYTES = 16 << 20;

    private KeyStoreLoader() {
    }

    /**
     * Loads the private key stored under {@code alias}.
     *
     * @param store         the PKCS#12 or JKS file
     * @param storePassword the store password (wiped); an empty array for a store without one
     * @param alias         the entry's alias; its name in the Lake console becomes the {@code kid}
     * @param keyPassword   the entry's password when it differs from the store password, else null (wiped)
     * @throws KeyLoadingException naming the file, the entry and the fix for each way loading can fail
     */
    public static SigningKey load(Path store, char[] storePassword, String alias, char[] keyPassword) {
        try {
            String source = "key store " + store;
            KeyStore keyStore = open(store, storePassword, source);
            return new KeyStoreEntries(keyStore, source, KEY_PASSWORD_SETTING, "")
                    .signingKey(alias, keyPassword != null ? keyPassword : storePassword);
        } finally {
            wipe(storePassword);
            wipe(keyPassword);
        }
    }

    private static KeyStore open(Path store, char[] storePassword, String source) {
        checkReadable(store);
        if (storePassword == null) {
            throw new KeyLoadingException("no password given for " + source + ": set " + STORE_PASSWORD_SETTING);
        }
        try {
            return KeyStore.getInstance(store.toFile(), storePassword);
        } catch (KeyStoreException e) {
            throw new KeyLoadingException(source + " is not a PKCS#12 or JKS key store" + hintFor(store)
                    + " (create one with 'openssl pkcs12 -export -inkey primary.pem -in primary.crt -name primary "
                    + "-out primary.p12' or keytool)");
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new KeyLoadingException(source + " could not be opened: wrong store password (set "
                        + STORE_PASSWORD_SETTING + ")");
            }
            throw new KeyLoadingException("cannot read " + source + ": " + e.getClass().getSimpleName()
                    + " (is the file complete?)");
        } catch (GeneralSecurityException e) {
            throw new KeyLoadingException("cannot read " + source + ": " + e.getClass().getSimpleName()
                    + " (its format or algorithms are not supported by this JDK)");
        }
    }

    private static void checkReadable(Path store) {
        if (store == null) {
            throw new KeyLoadingException("no key store file given");
        }
        try {
            if (Files.isDirectory(store)) {
                throw new KeyLoadingException("cannot read key store " + store + ": it is a directory");
            }
            if (Files.size(store) > MAX_STORE_BYTES) {
                throw new KeyLoadingException("key store " + store + " is larger than 16 MiB: not a key store");
            }
            try (InputStream in = Files.newInputStream(store)) {
                in.read();
            }
        } catch (NoSuchFileException e) {
            throw new KeyLoadingException("cannot read key store " + store + ": it does not exist (check "
                    + "LAKE_KEYSTORE / --keystore)");
        } catch (AccessDeniedException e) {
            throw new KeyLoadingException("cannot read key store " + store + ": permission denied");
        } catch (IOException e) {
            throw new KeyLoadingException("cannot read key store " + store + ": " + e.getClass().getSimpleName());
        }
    }

    private static String hintFor(Path store) {
        try (InputStream in = Files.newInputStream(store)) {
            String start = new String(in.readNBytes(11), StandardCharsets.ISO_8859_1);
            if (start.startsWith("-----BEGIN")) {
                return ": it is a PEM file; pass it as the key file (LAKE_KEY_FILE, --key) instead";
            }
        } catch (IOException e) {
            return "";
        }
        return "";
    }

    private static void wipe(char[] secret) {
        if (secret != null) {
            Arrays.fill(secret, '\0');
        }
    }
}
