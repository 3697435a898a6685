package dev.lakejwt.interop;

import dev.lakejwt.core.Algorithm;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;

/**
 * A verifier configured the way a careful Lake-side service would be: algorithm pinned, {@code kid}
 * and {@code typ} checked, audience {@code td:service:authentication} and issuer {@code wiki}
 * required, {@code exp} required and not passed (each library's defaults leave some of these out;
 * see jose-libs.md section 4).
 */
interface StrictVerifier {
    String ISSUER = "wiki";

    /**
     * Verifies the token and returns its claims as the library decodes them.
     *
     * @throws Exception whatever the library throws when it rejects the token
     */
    Map<String, Object> verify(String token, PublicKey key, Algorithm algorithm, String keyId) throws Exception;

    static List<StrictVerifier> all() {
        return List.of(new JdkVerifier(), new JjwtVerifier(), new NimbusVerifier(), new Jose4jVerifier());
    }
}
