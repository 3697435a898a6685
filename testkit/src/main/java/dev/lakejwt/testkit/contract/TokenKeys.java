package dev.lakejwt.testkit.contract;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.key.Pkcs11Config;
import dev.lakejwt.core.key.Pkcs11Token;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.testkit.softhsm.SoftHsm;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One key pair per algorithm generated inside the SoftHSM main token, once per JVM (several contract
 * classes may run in one JVM), loaded back as a non-exportable {@link SigningKey} that carries the
 * token's SunPKCS11 provider.
 */
final class TokenKeys {
    static final String PROVIDER_NAME = "lakejwt-contract";
    private static final Map<Algorithm, TokenKey> KEYS = new ConcurrentHashMap<>();

    private TokenKeys() {
    }

    /** The token key for {@code algorithm}; skips (or, under CI, fails) the calling test without SoftHSM. */
    static TokenKey of(Algorithm algorithm) {
        return KEYS.computeIfAbsent(algorithm, TokenKeys::generate);
    }

    private static TokenKey generate(Algorithm algorithm) {
        SoftHsm hsm = SoftHsm.get();
        Pkcs11Token token = Pkcs11Token.open(Pkcs11Config.builder().name(PROVIDER_NAME).library(hsm.library())
                .slot(hsm.slot(SoftHsm.MAIN_TOKEN)).build());
        String label = "contract-" + algorithm.name().toLowerCase(Locale.ROOT);
        PublicKey publicKey = token.generateKeyPair(label, algorithm, SoftHsm.pin());
        return new TokenKey(token.loadKey(label, SoftHsm.pin()).withAlgorithm(algorithm), publicKey);
    }

    /**
     * A key in the token and its public half, the only part that ever left the token.
     *
     * @param signingKey the token key, with the token's provider
     * @param publicKey  its public key, to register with the fake Lake
     */
    record TokenKey(SigningKey signingKey, PublicKey publicKey) {
    }
}
