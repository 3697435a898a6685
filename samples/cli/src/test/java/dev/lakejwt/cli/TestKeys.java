package dev.lakejwt.cli;

import dev.lakejwt.core.key.PemEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Key pairs generated in the test and written as the Lake console and openssl write them. */
final class TestKeys {
    private static KeyPair shared;

    private TestKeys() {
    }

    /** One RSA 2048-bit pair per test JVM (generating one takes a while). */
    static synchronized KeyPair rsa() throws GeneralSecurityException {
        if (shared == null) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            shared = generator.generateKeyPair();
        }
        return shared;
    }

    static Path writePrivate(Path dir, String fileName, KeyPair pair) throws IOException {
        return Files.writeString(dir.resolve(fileName), PemEncoder.privateKeyPem(pair.getPrivate()));
    }

    static Path writePublic(Path dir, String fileName, KeyPair pair) throws IOException {
        return Files.writeString(dir.resolve(fileName), PemEncoder.publicKeyPem(pair.getPublic()));
    }

    /**
     * A PKCS#12 key store holding {@code pair} under {@code alias} with a self-signed certificate, the
     * key protected by {@code keyPassword} and the store by {@code storePassword}, as openssl and keytool write it.
     */
    static Path writePkcs12(Path dir, String fileName, KeyPair pair, String alias, char[] storePassword,
                            char[] keyPassword) throws Exception {
        X500Name name = new X500Name("CN=" + alias);
        Instant now = Instant.now();
        X509CertificateHolder holder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86_400)), name, pair.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, pair.getPrivate(), keyPassword, new Certificate[] {certificate});
        Path file = dir.resolve(fileName);
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, storePassword);
        }
        return file;
    }

    /** An encrypted PKCS#8 key ({@code BEGIN ENCRYPTED PRIVATE KEY}, AES-256-CBC), as openssl writes it. */
    static Path writeEncrypted(Path dir, String fileName, KeyPair pair, char[] passphrase) throws Exception {
        var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                .setProvider(new BouncyCastleProvider()).setPassword(passphrase).build();
        StringWriter pem = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
            writer.writeObject(new JcaPKCS8Generator(pair.getPrivate(), encryptor));
        }
        return Files.writeString(dir.resolve(fileName), pem.toString());
    }
}
