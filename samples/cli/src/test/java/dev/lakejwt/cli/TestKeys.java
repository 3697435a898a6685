package dev.lakejwt.cli;

import dev.lakejwt.core.key.PemEncoder;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;

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
