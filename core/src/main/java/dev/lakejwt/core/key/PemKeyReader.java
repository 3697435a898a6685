package dev.lakejwt.core.key;

import dev.lakejwt.core.KeyLoadingException;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The BouncyCastle-backed PEM reading behind {@link KeyLoader}. BouncyCastle's own provider is used
 * for decryption only (the JDK providers cannot decrypt several forms OpenSSL writes) and is never
 * registered globally; the resulting keys are JDK key objects.
 */
final class PemKeyReader {
    private static final Provider BC = new BouncyCastleProvider();
    private static final String FIX_PUBLIC = "use the private key file the Lake console downloaded (primary.pem, "
            + "'-----BEGIN PRIVATE KEY-----')";

    private PemKeyReader() {
    }

    static SigningKey readPrivateKey(String pem, String source, String keyId, char[] passphrase) {
        checkLooksLikePem(pem, source);
        String found = null;
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                PrivateKeyInfo info = privateKeyInfo(object, source, passphrase);
                if (info != null) {
                    return SigningKey.of(keyId, toJdkPrivateKey(info, source));
                }
                if (found == null) {
                    found = describeNonPrivate(object);
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new KeyLoadingException(source + " is not valid PEM: " + safe(e)
                    + " (re-download the key from the Lake console or re-export it with openssl)");
        }
        if (found != null) {
            throw new KeyLoadingException(source + " holds " + found + ", not a private key: " + FIX_PUBLIC);
        }
        throw new KeyLoadingException(source + " holds no private key PEM block: " + FIX_PUBLIC);
    }

    static PublicKey readPublicKey(String pem, String source) {
        checkLooksLikePem(pem, source);
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object object;
            while ((object = parser.readObject()) != null) {
                if (object instanceof SubjectPublicKeyInfo spki) {
                    return toJdkPublicKey(spki, source);
                }
                if (object instanceof X509CertificateHolder cert) {
                    return certificatePublicKey(cert, source);
                }
                if (object instanceof PrivateKeyInfo || object instanceof PEMKeyPair
                        || object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new KeyLoadingException(source + " holds a private key where a public key is needed: "
                            + "pass the public key ('-----BEGIN PUBLIC KEY-----'), e.g. from "
                            + "'openssl pkey -in primary.pem -pubout -out primary.pub.pem'");
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new KeyLoadingException(source + " is not valid PEM: " + safe(e));
        }
        throw new KeyLoadingException(source + " holds no public key or certificate "
                + "('-----BEGIN PUBLIC KEY-----' or '-----BEGIN CERTIFICATE-----')");
    }

    private static void checkLooksLikePem(String pem, String source) {
        if (pem == null || pem.isBlank()) {
            throw new KeyLoadingException(source + " is empty: download the key again from the Lake console");
        }
        if (!pem.contains("-----BEGIN ")) {
            long binary = pem.chars().limit(512).filter(c -> c < 0x09 || (c > 0x0d && c < 0x20) || c > 0x7e).count();
            String hint = binary > 0
                    ? " It looks binary (DER?): convert it with 'openssl pkey -inform DER -in KEY -out primary.pem'."
                    : "";
            throw new KeyLoadingException(source + " is not PEM: no '-----BEGIN ...-----' line." + hint);
        }
        if (pem.contains("-----BEGIN OPENSSH PRIVATE KEY-----")) {
            throw new KeyLoadingException(source + " is an OpenSSH key, not PEM: convert it with "
                    + "'ssh-keygen -p -m PKCS8 -f KEY' or create a key in the Lake console");
        }
    }

    private static PrivateKeyInfo privateKeyInfo(Object object, String source, char[] passphrase) {
        if (object instanceof PrivateKeyInfo info) {
            return info;
        }
        if (object instanceof PEMKeyPair pair) {
            return pair.getPrivateKeyInfo();
        }
        if (object instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
            requirePassphrase(passphrase, source, "an encrypted PKCS#8 key ('BEGIN ENCRYPTED PRIVATE KEY')");
            try {
                return encrypted.decryptPrivateKeyInfo(
                        new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(BC).build(passphrase));
            } catch (Exception e) {
                throw wrongPassphrase(source, e);
            }
        }
        if (object instanceof PEMEncryptedKeyPair encrypted) {
            requirePassphrase(passphrase, source, "an encrypted PKCS#1 key ('Proc-Type: 4,ENCRYPTED')");
            try {
                return encrypted.decryptKeyPair(new JcePEMDecryptorProviderBuilder().setProvider(BC).build(passphrase))
                        .getPrivateKeyInfo();
            } catch (Exception e) {
                throw wrongPassphrase(source, e);
            }
        }
        return null;
    }

    private static void requirePassphrase(char[] passphrase, String source, String what) {
        if (passphrase == null || passphrase.length == 0) {
            throw new KeyLoadingException(source + " holds " + what + " but no passphrase was given: "
                    + "set LAKE_KEY_PASSPHRASE (or the CLI's --passphrase-env) to the key's passphrase");
        }
    }

    private static KeyLoadingException wrongPassphrase(String source, Exception e) {
        return new KeyLoadingException(source + " could not be decrypted: wrong passphrase ("
                + e.getClass().getSimpleName() + ")");
    }

    private static PrivateKey toJdkPrivateKey(PrivateKeyInfo info, String source) {
        ASN1ObjectIdentifier oid = info.getPrivateKeyAlgorithm().getAlgorithm();
        String type;
        if (PKCSObjectIdentifiers.rsaEncryption.equals(oid)) {
            type = "RSA";
        } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(oid)) {
            type = "EC";
        } else {
            throw new KeyLoadingException(source + " holds an unsupported key type (" + keyTypeName(oid)
                    + "): Lake tokens need an RSA key (RS256) or an EC P-256 key (ES256)");
        }
        try {
            return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyLoadingException(source + " holds a " + type + " key the JDK cannot read ("
                    + e.getClass().getSimpleName() + "); EC keys must use a named curve (P-256)");
        }
    }

    private static PublicKey toJdkPublicKey(SubjectPublicKeyInfo spki, String source) {
        ASN1ObjectIdentifier oid = spki.getAlgorithm().getAlgorithm();
        String type = PKCSObjectIdentifiers.rsaEncryption.equals(oid) ? "RSA"
                : X9ObjectIdentifiers.id_ecPublicKey.equals(oid) ? "EC" : null;
        if (type == null) {
            throw new KeyLoadingException(source + " holds an unsupported public key type (" + keyTypeName(oid)
                    + "): expected RSA or EC P-256");
        }
        try {
            return KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyLoadingException(source + " holds a " + type + " public key the JDK cannot read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static PublicKey certificatePublicKey(X509CertificateHolder holder, String source) {
        try {
            return CertificateFactory.getInstance("X.509")
                    .generateCertificate(new java.io.ByteArrayInputStream(holder.getEncoded()))
                    .getPublicKey();
        } catch (GeneralSecurityException | IOException e) {
            throw new KeyLoadingException(source + " holds a certificate the JDK cannot read ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    private static String describeNonPrivate(Object object) {
        if (object instanceof SubjectPublicKeyInfo) {
            return "a public key ('BEGIN PUBLIC KEY')";
        }
        if (object instanceof X509CertificateHolder) {
            return "a certificate ('BEGIN CERTIFICATE')";
        }
        if (object instanceof PKCS10CertificationRequest) {
            return "a certificate request ('BEGIN CERTIFICATE REQUEST')";
        }
        if (object instanceof ASN1ObjectIdentifier) {
            return null;
        }
        return "an unsupported PEM object (" + object.getClass().getSimpleName() + ")";
    }

    private static String keyTypeName(ASN1ObjectIdentifier oid) {
        return switch (oid.getId()) {
            case "1.3.101.112" -> "Ed25519";
            case "1.3.101.113" -> "Ed448";
            case "1.2.840.10040.4.1" -> "DSA";
            case "1.2.840.113549.1.1.10" -> "RSASSA-PSS-only RSA key; re-create it as a plain RSA key";
            case "1.2.840.113549.1.3.1" -> "DH";
            default -> "OID " + oid.getId();
        };
    }

    /** An exception's class and message, trimmed: PEM parsing messages describe structure, not content. */
    private static String safe(Exception e) {
        String message = e.getMessage();
        if (message == null || message.length() > 160) {
            return e.getClass().getSimpleName();
        }
        return message;
    }
}
