package dev.lakejwt.core.key;

import dev.lakejwt.core.KeyLoadingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;

/**
 * Reads the keys a Lake user has: the private key PEM the console downloads ({@code primary.pem},
 * PKCS#8), PKCS#1 RSA keys, both encrypted forms with a passphrase, EC P-256 keys for ES256, and the
 * matching public key (SPKI or an X.509 certificate) for verification.
 *
 * <p>Easy to get wrong: the passphrase array is <b>zero-filled</b> before these methods return,
 * whether they succeed or fail, so pass a copy if you need it again. The key id defaults to the file
 * name without its extension, which is the console's key name only if you kept the downloaded name.
 */
public final class KeyLoader {
    private static final long MAX_KEY_FILE_BYTES = 1 << 20;

    private KeyLoader() {
    }

    /** Loads an unencrypted private key; the kid is the file name without extension. */
    public static SigningKey loadPrivateKey(Path file) {
        return loadPrivateKey(file, null);
    }

    /** Loads a private key, decrypting it with {@code passphrase} if it is encrypted (may be null). */
    public static SigningKey loadPrivateKey(Path file, char[] passphrase) {
        try {
            String pem = readKeyFile(file, "private key");
            return PemKeyReader.readPrivateKey(pem, "key file " + file, defaultKeyId(file), passphrase);
        } finally {
            wipe(passphrase);
        }
    }

    /** Loads a private key from PEM text, with the given kid; {@code passphrase} may be null. */
    public static SigningKey privateKeyFromPem(String pem, String keyId, char[] passphrase) {
        try {
            return PemKeyReader.readPrivateKey(pem, "PEM text", keyId, passphrase);
        } finally {
            wipe(passphrase);
        }
    }

    /** Loads a public key from a PEM file: {@code BEGIN PUBLIC KEY}, {@code BEGIN RSA PUBLIC KEY} or a certificate. */
    public static PublicKey loadPublicKey(Path file) {
        return PemKeyReader.readPublicKey(readKeyFile(file, "public key"), "public key file " + file);
    }

    /** Loads a public key from PEM text. */
    public static PublicKey publicKeyFromPem(String pem) {
        return PemKeyReader.readPublicKey(pem, "PEM text");
    }

    /** The kid a key file stands for: its name without the last extension ({@code primary.pem} gives {@code primary}). */
    public static String defaultKeyId(Path file) {
        Path name = file.getFileName();
        String s = name == null ? file.toString() : name.toString();
        int dot = s.lastIndexOf('.');
        return dot > 0 ? s.substring(0, dot) : s;
    }

    private static String readKeyFile(Path file, String what) {
        if (file == null) {
            throw new KeyLoadingException("no " + what + " file given");
        }
        try {
            if (Files.isDirectory(file)) {
                throw new KeyLoadingException("cannot read " + what + " file " + file + ": it is a directory");
            }
            if (Files.size(file) > MAX_KEY_FILE_BYTES) {
                throw new KeyLoadingException(what + " file " + file + " is larger than 1 MiB: not a key file");
            }
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new KeyLoadingException("cannot read " + what + " file " + file + ": it does not exist "
                    + "(check the path; the Lake console downloads the private key as primary.pem)");
        } catch (AccessDeniedException e) {
            throw new KeyLoadingException("cannot read " + what + " file " + file + ": permission denied");
        } catch (IOException e) {
            throw new KeyLoadingException("cannot read " + what + " file " + file + ": " + e.getClass().getSimpleName());
        }
    }

    private static void wipe(char[] passphrase) {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }
}
