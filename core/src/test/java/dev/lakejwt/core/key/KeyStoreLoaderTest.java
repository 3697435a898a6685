package dev.lakejwt.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.KeyLoadingException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyStoreLoaderTest {
    private static final String STORE_PASS = "store-SECRET-pass";
    private static final String KEY_PASS = "key-SECRET-pass";
    private static KeyPair rsa;
    private static KeyPair ec;
    private static Certificate rsaCert;
    private static Certificate ecCert;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestPem.rsa(2048);
        ec = TestPem.ec("secp256r1");
        rsaCert = certificate(rsa);
        ecCert = certificate(ec);
    }

    private static Certificate certificate(KeyPair pair) throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(TestPem.certificate(pair).getBytes(StandardCharsets.US_ASCII)));
    }

    /** A store with "primary" (RSA, store password), "ec-key" (EC, own key password) and "trusted" (certificate only). */
    private Path store(String type) throws Exception {
        KeyStore store = KeyStore.getInstance(type);
        store.load(null, null);
        store.setKeyEntry("primary", rsa.getPrivate(), STORE_PASS.toCharArray(), new Certificate[] {rsaCert});
        store.setKeyEntry("ec-key", ec.getPrivate(), KEY_PASS.toCharArray(), new Certificate[] {ecCert});
        store.setCertificateEntry("trusted", rsaCert);
        Path file = dir.resolve("lake." + type.toLowerCase());
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASS.toCharArray());
        }
        return file;
    }

    private static char[] storePass() {
        return STORE_PASS.toCharArray();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void loadsAnRsaEntryByAliasWithTheAliasAsKid(String type) throws Exception {
        SigningKey key = KeyStoreLoader.load(store(type), storePass(), "primary", null);

        assertThat(key.keyId()).isEqualTo("primary");
        assertThat(key.algorithm()).isEqualTo(Algorithm.RS256);
        assertThat(key.privateKey().getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(key.provider()).as("a software key signs with the JCA default").isEmpty();
        assertThat(key.publicKey()).as("taken from the entry's certificate").contains(rsaCert.getPublicKey());
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void loadsAnEcEntryWithItsOwnKeyPassword(String type) throws Exception {
        SigningKey key = KeyStoreLoader.load(store(type), storePass(), "ec-key", KEY_PASS.toCharArray());

        assertThat(key.algorithm()).isEqualTo(Algorithm.ES256);
        assertThat(key.privateKey().getEncoded()).isEqualTo(ec.getPrivate().getEncoded());
    }

    @Test
    void theKidKeepsTheCaseOfTheAliasAsGiven() throws Exception {
        assertThat(KeyStoreLoader.load(store("PKCS12"), storePass(), "Primary", null).keyId()).isEqualTo("Primary");
    }

    @Test
    void bothPasswordsAreWipedOnSuccessAndOnFailure() throws Exception {
        Path file = store("PKCS12");
        char[] store = storePass();
        char[] key = KEY_PASS.toCharArray();
        KeyStoreLoader.load(file, store, "ec-key", key);
        assertThat(store).containsOnly('\0');
        assertThat(key).containsOnly('\0');

        char[] wrong = "nope".toCharArray();
        char[] key2 = KEY_PASS.toCharArray();
        assertThatThrownBy(() -> KeyStoreLoader.load(file, wrong, "ec-key", key2)).isInstanceOf(KeyLoadingException.class);
        assertThat(wrong).containsOnly('\0');
        assertThat(key2).containsOnly('\0');
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void aWrongStorePasswordIsNamedWithoutShowingIt(String type) throws Exception {
        Path file = store(type);

        assertThatThrownBy(() -> KeyStoreLoader.load(file, "guess-SECRET".toCharArray(), "primary", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("key store " + file + " could not be opened: wrong store password (set LAKE_PIN "
                        + "(CLI --pin-env NAME_OF_VARIABLE))")
                .hasMessageNotContaining("guess-SECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void aWrongOrMissingKeyPasswordIsNamed(String type) throws Exception {
        Path file = store(type);

        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), "ec-key", "bad-SECRET".toCharArray()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("the private key 'ec-key' in key store " + file + " could not be recovered: "
                        + "wrong key password")
                .hasMessageContaining("LAKE_KEY_PASSPHRASE")
                .hasMessageNotContaining("bad-SECRET").hasMessageNotContaining(STORE_PASS);
        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), "ec-key", null))
                .as("without a key password the store password is tried, and fails for this entry")
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("defaults to the store password");
    }

    @Test
    void anUnknownAliasListsTheEntries() throws Exception {
        Path file = store("PKCS12");

        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), "secondary", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("key store " + file + " has no entry 'secondary'; its entries: ec-key (private key), "
                        + "primary (private key), trusted (certificate) (LAKE_KEY_ALIAS (CLI --alias))");
    }

    @Test
    void noAliasListsThePrivateKeys() throws Exception {
        Path file = store("PKCS12");

        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), null, null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("no alias given for key store " + file + ": set LAKE_KEY_ALIAS (CLI --alias) to one of "
                        + "its private keys: ec-key, primary");
    }

    @Test
    void anAliasWithoutPrivateKeyIsNamed() throws Exception {
        Path file = store("PKCS12");

        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), "trusted", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("entry 'trusted' in key store " + file + " is a certificate without a private key; "
                        + "private keys: ec-key, primary");
    }

    @Test
    void aSecretKeyEntryIsNotASigningKey() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("hmac", new SecretKeySpec(new byte[32], "HmacSHA256"), STORE_PASS.toCharArray(), null);
        Path file = dir.resolve("secret.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASS.toCharArray());
        }

        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), "hmac", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("is a HmacSHA256 secret key, not a private key");
    }

    @Test
    void aSmallRsaKeyIsRejected() throws Exception {
        KeyPair small = TestPem.rsa(1024);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("small", small.getPrivate(), STORE_PASS.toCharArray(), new Certificate[] {certificate(small)});
        Path file = dir.resolve("small.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, STORE_PASS.toCharArray());
        }

        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), "small", null))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("has 1024 bits; at least 2048");
    }

    @Test
    void unreadableFilesAreNamed() throws Exception {
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> KeyStoreLoader.load(missing, storePass(), "primary", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("cannot read key store " + missing + ": it does not exist (check LAKE_KEYSTORE / --keystore)");
        assertThatThrownBy(() -> KeyStoreLoader.load(dir, storePass(), "primary", null))
                .isInstanceOf(KeyLoadingException.class).hasMessageContaining("it is a directory");

        Path garbage = Files.write(dir.resolve("garbage.p12"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> KeyStoreLoader.load(garbage, storePass(), "primary", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageStartingWith("key store " + garbage + " is not a PKCS#12 or JKS key store (create one with");

        Path pem = TestPem.writeFile(dir, "primary.pem", TestPem.pkcs8(rsa));
        assertThatThrownBy(() -> KeyStoreLoader.load(pem, storePass(), "primary", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("it is a PEM file; pass it as the key file (LAKE_KEY_FILE, --key) instead");
    }

    @Test
    void aFileWithoutReadPermissionIsNamed() throws Exception {
        Path file = store("PKCS12");
        Files.setPosixFilePermissions(file, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root: every file is readable");

        assertThatThrownBy(() -> KeyStoreLoader.load(file, storePass(), "primary", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("cannot read key store " + file + ": permission denied");
    }

    @Test
    void aMissingStorePasswordIsNamed() throws Exception {
        Path file = store("PKCS12");

        assertThatThrownBy(() -> KeyStoreLoader.load(file, null, "primary", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessage("no password given for key store " + file + ": set LAKE_PIN (CLI --pin-env NAME_OF_VARIABLE)");
    }
}
