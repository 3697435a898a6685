package dev.lakejwt.interop;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.key.SigningKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;

/** Key pairs generated once per test JVM: RSA-2048 (RS256, PS256) and EC P-256 (ES256), plus a stranger of each. */
final class TestKeys {
    static final String KID = "primary";
    private static final KeyPair RSA = generate("RSA");
    private static final KeyPair EC = generate("EC");
    private static final KeyPair OTHER_RSA = generate("RSA");
    private static final KeyPair OTHER_EC = generate("EC");

    private TestKeys() {
    }

    static SigningKey signingKey(Algorithm algorithm) {
        return SigningKey.of(KID, pair(algorithm).getPrivate(), algorithm);
    }

    static PublicKey publicKey(Algorithm algorithm) {
        return pair(algorithm).getPublic();
    }

    /** A key of the right type that did not sign anything here. */
    static PublicKey strangersPublicKey(Algorithm algorithm) {
        return algorithm == Algorithm.ES256 ? OTHER_EC.getPublic() : OTHER_RSA.getPublic();
    }

    private static KeyPair pair(Algorithm algorithm) {
        return algorithm == Algorithm.ES256 ? EC : RSA;
    }

    private static KeyPair generate(String type) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
            if ("EC".equals(type)) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
