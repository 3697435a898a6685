package dev.lakejwt.core.key;

import dev.lakejwt.core.Algorithm;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed certificate for a key pair whose private key may live in a token: BouncyCastle builds
 * the certificate and the key's own provider signs it, so the private key is never read. Lake never
 * sees this certificate; a Java key store needs one to store a private key under a label.
 */
final class SelfSignedCertificate {
    private static final Duration VALIDITY = Duration.ofDays(3650);
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificate() {
    }

    static X509Certificate create(KeyPair pair, String commonName, Algorithm algorithm, Provider signingProvider)
            throws GeneralSecurityException {
        var name = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName)
                .addRDN(BCStyle.O, "lakejwt").build();
        Instant now = Instant.now();
        String signatureAlgorithm = "EC".equals(algorithm.keyType()) ? "SHA256withECDSA" : "SHA256withRSA";
        try {
            var holder = new JcaX509v3CertificateBuilder(name, new BigInteger(63, RANDOM).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder(signatureAlgorithm).setProvider(signingProvider)
                            .build(pair.getPrivate()));
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the certificate with the token's key: "
                    + e.getClass().getSimpleName(), e.getCause());
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException("the token's key could not sign the certificate", e);
        }
    }
}
