package dev.lakejwt.core.key;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptor;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMEncryptorBuilder;
import org.bouncycastle.operator.OutputEncryptor;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/** Generates keys in the test and writes them in every PEM form a Lake user meets (BouncyCastle writers). */
public final class TestPem {
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private TestPem() {
    }

    public static KeyPair rsa(int bits) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(bits);
        return g.generateKeyPair();
    }

    public static KeyPair ec(String curve) throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec(curve));
        return g.generateKeyPair();
    }

    public static KeyPair generate(String algorithm) throws GeneralSecurityException {
        return KeyPairGenerator.getInstance(algorithm).generateKeyPair();
    }

    /** PKCS#8 {@code BEGIN PRIVATE KEY}, as the Lake console downloads. */
    public static String pkcs8(KeyPair pair) throws IOException {
        return write(new JcaPKCS8Generator(pair.getPrivate(), null));
    }

    /** Encrypted PKCS#8 with the given BouncyCastle algorithm OID, e.g. {@code PKCS8Generator.AES_256_CBC}. */
    public static String encryptedPkcs8(KeyPair pair, ASN1ObjectIdentifier algorithm, char[] passphrase) throws Exception {
        OutputEncryptor encryptor = new JceOpenSSLPKCS8EncryptorBuilder(algorithm).setProvider(BC)
                .setPassword(passphrase).build();
        return write(new JcaPKCS8Generator(pair.getPrivate(), encryptor));
    }

    /** Traditional OpenSSL form: {@code BEGIN RSA PRIVATE KEY} (PKCS#1) or {@code BEGIN EC PRIVATE KEY}. */
    public static String traditional(KeyPair pair) throws Exception {
        return write(asOpenSslWouldWriteIt(pair));
    }

    /**
     * A JDK EC key's encoding leaves the curve out of the inner ECPrivateKey, so BouncyCastle would write
     * a 'BEGIN EC PRIVATE KEY' without parameters, which openssl never does; BC's own key object keeps them.
     */
    private static java.security.PrivateKey asOpenSslWouldWriteIt(KeyPair pair) throws GeneralSecurityException {
        if (!"EC".equals(pair.getPrivate().getAlgorithm())) {
            return pair.getPrivate();
        }
        return java.security.KeyFactory.getInstance("EC", BC)
                .generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(pair.getPrivate().getEncoded()));
    }

    /** Traditional form encrypted with {@code DEK-Info}, e.g. cipher {@code AES-256-CBC} or {@code DES-EDE3-CBC}. */
    public static String encryptedTraditional(KeyPair pair, String cipher, char[] passphrase) throws Exception {
        PEMEncryptor encryptor = new JcePEMEncryptorBuilder(cipher).setProvider(BC).build(passphrase);
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(asOpenSslWouldWriteIt(pair), encryptor);
        }
        return out.toString();
    }

    /** SPKI {@code BEGIN PUBLIC KEY}. */
    public static String publicKey(KeyPair pair) throws IOException {
        return write(pair.getPublic());
    }

    /** A self-signed X.509 certificate for the pair. */
    public static String certificate(KeyPair pair) throws Exception {
        X500Name name = new X500Name("CN=lakejwt test");
        long now = System.currentTimeMillis();
        var holder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, new Date(now - 60_000),
                new Date(now + 86_400_000L), name, pair.getPublic())
                .build(new JcaContentSignerBuilder(pair.getPrivate().getAlgorithm().equals("EC")
                        ? "SHA256withECDSA" : "SHA256withRSA").build(pair.getPrivate()));
        return write(holder);
    }

    public static Path writeFile(Path dir, String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
    }

    private static String write(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
