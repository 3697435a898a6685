package dev.lakejwt.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.KeyLoadingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import org.bouncycastle.openssl.PKCS8Generator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyLoaderTest {
    private static final String PASS = "correct horse battery staple";
    private static KeyPair rsa;
    private static KeyPair ec;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        rsa = TestPem.rsa(2048);
        ec = TestPem.ec("secp256r1");
    }

    @Test
    void loadsPkcs8AsTheConsoleDownloadsItWithKidFromTheFileName() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem", TestPem.pkcs8(rsa));

        SigningKey key = KeyLoader.loadPrivateKey(file);

        assertThat(key.keyId()).isEqualTo("primary");
        assertThat(key.algorithm()).isEqualTo(Algorithm.RS256);
        assertThat(key.privateKey().getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
        assertThat(key.provider()).isEmpty();
    }

    @Test
    void loadsPkcs1RsaPrivateKey() throws Exception {
        String pem = TestPem.traditional(rsa);
        assertThat(pem).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        SigningKey key = KeyLoader.privateKeyFromPem(pem, "k1", null);

        assertThat(((RSAPrivateCrtKey) key.privateKey()).getModulus())
                .isEqualTo(((RSAPrivateCrtKey) rsa.getPrivate()).getModulus());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES_256_CBC", "AES_128_CBC", "PBE_SHA1_3DES", "PBE_SHA1_RC2_128"})
    void loadsEncryptedPkcs8WithPbes2AndLegacyPbe(String algorithm) throws Exception {
        var oid = (org.bouncycastle.asn1.ASN1ObjectIdentifier) PKCS8Generator.class.getField(algorithm).get(null);
        String pem = TestPem.encryptedPkcs8(rsa, oid, PASS.toCharArray());
        assertThat(pem).startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----");

        SigningKey key = KeyLoader.privateKeyFromPem(pem, "k", PASS.toCharArray());

        assertThat(key.privateKey().getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    }

    @ParameterizedTest
    @ValueSource(strings = {"AES-256-CBC", "DES-EDE3-CBC"})
    void loadsEncryptedPkcs1WithDekInfo(String cipher) throws Exception {
        String pem = TestPem.encryptedTraditional(rsa, cipher, PASS.toCharArray());
        assertThat(pem).contains("DEK-Info: " + cipher);

        SigningKey key = KeyLoader.privateKeyFromPem(pem, "k", PASS.toCharArray());

        assertThat(key.privateKey().getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());
    }

    @Test
    void loadsEcP256InBothFormsForEs256() throws Exception {
        String traditional = TestPem.traditional(ec);
        assertThat(traditional).startsWith("-----BEGIN EC PRIVATE KEY-----");

        SigningKey fromTraditional = KeyLoader.privateKeyFromPem(traditional, "ec", null);
        SigningKey fromPkcs8 = KeyLoader.privateKeyFromPem(TestPem.pkcs8(ec), "ec", null);

        assertThat(fromTraditional.algorithm()).isEqualTo(Algorithm.ES256);
        assertThat(((ECPrivateKey) fromTraditional.privateKey()).getS())
                .isEqualTo(((ECPrivateKey) ec.getPrivate()).getS())
                .isEqualTo(((ECPrivateKey) fromPkcs8.privateKey()).getS());
    }

    @Test
    void loadsEncryptedEcKey() throws Exception {
        String pem = TestPem.encryptedTraditional(ec, "AES-256-CBC", PASS.toCharArray());

        assertThat(KeyLoader.privateKeyFromPem(pem, "ec", PASS.toCharArray()).algorithm()).isEqualTo(Algorithm.ES256);
    }

    @Test
    void skipsEcParametersBlockAndOtherBlocksBeforeTheKey() throws Exception {
        String params = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n";
        String pem = TestPem.certificate(ec) + params + TestPem.traditional(ec);

        assertThat(KeyLoader.privateKeyFromPem(pem, "ec", null).algorithm()).isEqualTo(Algorithm.ES256);
    }

    @Test
    void loadsPublicKeyFromSpkiAndFromCertificate() throws Exception {
        Path spki = TestPem.writeFile(dir, "primary.pub.pem", TestPem.publicKey(rsa));
        Path cert = TestPem.writeFile(dir, "cert.pem", TestPem.certificate(rsa));

        assertThat(KeyLoader.loadPublicKey(spki).getEncoded()).isEqualTo(rsa.getPublic().getEncoded());
        assertThat(KeyLoader.loadPublicKey(cert).getEncoded()).isEqualTo(rsa.getPublic().getEncoded());
        assertThat(KeyLoader.publicKeyFromPem(TestPem.publicKey(ec)).getEncoded()).isEqualTo(ec.getPublic().getEncoded());
    }

    @Test
    void kidIsTheFileNameWithoutItsLastExtension() {
        assertThat(KeyLoader.defaultKeyId(Path.of("/keys/primary.pem"))).isEqualTo("primary");
        assertThat(KeyLoader.defaultKeyId(Path.of("team.key.pem"))).isEqualTo("team.key");
        assertThat(KeyLoader.defaultKeyId(Path.of("primary"))).isEqualTo("primary");
        assertThat(KeyLoader.defaultKeyId(Path.of(".hidden"))).isEqualTo(".hidden");
    }

    // ---- one clear message per bad input ----

    @Test
    void emptyFile() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem", "");
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("is empty");
    }

    @Test
    void notPem() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem", "hello, this is not a key\n");
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("is not PEM").hasMessageContaining("-----BEGIN")
                .hasMessageNotContaining("DER");
    }

    @Test
    void binaryDerGetsAConversionHint() throws Exception {
        Path file = Files.write(dir.resolve("primary.der"), rsa.getPrivate().getEncoded());
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("is not PEM").hasMessageContaining("DER").hasMessageContaining("openssl");
    }

    @Test
    void publicKeyWhereAPrivateKeyIsNeeded() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem", TestPem.publicKey(rsa));
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("a public key").hasMessageContaining("not a private key")
                .hasMessageContaining("primary.pem");
    }

    @Test
    void certificateWhereAPrivateKeyIsNeeded() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem", TestPem.certificate(rsa));
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("a certificate").hasMessageContaining("not a private key");
    }

    @Test
    void privateKeyWhereAPublicKeyIsNeeded() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem", TestPem.pkcs8(rsa));
        assertThatThrownBy(() -> KeyLoader.loadPublicKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("holds a private key where a public key is needed")
                .hasMessageContaining("openssl pkey");
    }

    @Test
    void encryptedPkcs8WithoutPassphrase() throws Exception {
        String pem = TestPem.encryptedPkcs8(rsa, PKCS8Generator.AES_256_CBC, PASS.toCharArray());
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(pem, "k", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("encrypted PKCS#8").hasMessageContaining("no passphrase")
                .hasMessageContaining("LAKE_KEY_PASSPHRASE");
    }

    @Test
    void encryptedPkcs1WithoutPassphrase() throws Exception {
        String pem = TestPem.encryptedTraditional(rsa, "AES-256-CBC", PASS.toCharArray());
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(pem, "k", new char[0]))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("encrypted PKCS#1").hasMessageContaining("no passphrase");
    }

    @ParameterizedTest
    @ValueSource(strings = {"pkcs8", "pkcs1"})
    void wrongPassphraseIsNamedAndNotEchoed(String form) throws Exception {
        String pem = form.equals("pkcs8")
                ? TestPem.encryptedPkcs8(rsa, PKCS8Generator.AES_256_CBC, PASS.toCharArray())
                : TestPem.encryptedTraditional(rsa, "AES-256-CBC", PASS.toCharArray());
        Path file = TestPem.writeFile(dir, "primary.pem", pem);
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file, "wrong-secret-123".toCharArray()))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("wrong passphrase").hasMessageContaining(file.toString())
                .hasMessageNotContaining("wrong-secret-123").hasMessageNotContaining(PASS);
    }

    @Test
    void rsaKeyUnder2048Bits() throws Exception {
        String pem = TestPem.pkcs8(TestPem.rsa(1024));
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(pem, "small", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("1024 bits").hasMessageContaining("at least 2048");
    }

    @Test
    void missingPathIsNamed() {
        Path file = dir.resolve("nope/primary.pem");
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("does not exist");
    }

    @Test
    void directoryIsNamed() {
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(dir))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining(dir.toString()).hasMessageContaining("is a directory");
    }

    @Test
    void unreadableFileIsNamed() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem", TestPem.pkcs8(rsa));
        Files.setPosixFilePermissions(file, java.util.Set.of());
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(file), "running as root: permissions ignored");
        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("permission denied");
    }

    @Test
    void unsupportedKeyTypes() throws Exception {
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(TestPem.pkcs8(TestPem.generate("Ed25519")), "k", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("unsupported key type (Ed25519)").hasMessageContaining("RSA");
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(TestPem.pkcs8(TestPem.generate("DSA")), "k", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("unsupported key type (DSA)");
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(TestPem.pkcs8(TestPem.ec("secp384r1")), "k", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("not on curve P-256");
    }

    @Test
    void openSshKeyGetsAConversionHint() {
        String pem = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n";
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(pem, "k", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("OpenSSH").hasMessageContaining("ssh-keygen");
    }

    @Test
    void corruptPemBodyIsReportedWithoutItsContent() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEv!!!notbase64@@@SECRETISH\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> KeyLoader.privateKeyFromPem(pem, "k", null))
                .isInstanceOf(KeyLoadingException.class)
                .hasMessageContaining("not valid PEM").hasMessageNotContaining("SECRETISH");
    }

    // ---- the passphrase is wiped ----

    @Test
    void passphraseIsWipedAfterSuccess() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem",
                TestPem.encryptedPkcs8(rsa, PKCS8Generator.AES_256_CBC, PASS.toCharArray()));
        char[] passphrase = PASS.toCharArray();

        KeyLoader.loadPrivateKey(file, passphrase);

        assertThat(passphrase).containsOnly('\0');
    }

    @Test
    void passphraseIsWipedAfterFailure() throws Exception {
        Path file = TestPem.writeFile(dir, "primary.pem",
                TestPem.encryptedTraditional(rsa, "AES-256-CBC", PASS.toCharArray()));
        char[] passphrase = "wrong".toCharArray();

        assertThatThrownBy(() -> KeyLoader.loadPrivateKey(file, passphrase)).isInstanceOf(KeyLoadingException.class);

        assertThat(passphrase).containsOnly('\0');
    }

    @Test
    void toStringShowsNoKeyMaterial() throws Exception {
        SigningKey key = KeyLoader.privateKeyFromPem(TestPem.pkcs8(rsa), "primary", null);
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) rsa.getPrivate();

        assertThat(key.toString())
                .isEqualTo("SigningKey[kid=primary, alg=RS256, key=RSA 2048-bit, provider=default]")
                .doesNotContain(k.getPrivateExponent().toString(16).substring(0, 16));
    }
}
