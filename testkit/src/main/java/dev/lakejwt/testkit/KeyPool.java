package dev.lakejwt.testkit;

import dev.lakejwt.core.Algorithm;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;

/**
 * RSA-2048 key pairs shared by all fakes in this JVM, generated on first use: the n-th identity of
 * every fake gets the n-th pair. Generating one costs 0.1 to 1 s, which would dominate test suites
 * that create a few identities per test; within one fake every identity still has its own key.
 */
final class KeyPool {
    private static final List<KeyPair> RSA = new ArrayList<>();

    private KeyPool() {
    }

    static KeyPair rsa(int index) {
        synchronized (RSA) {
            while (RSA.size() <= index) {
                RSA.add(FakeLake.generateKeyPair(Algorithm.RS256));
            }
            return RSA.get(index);
        }
    }
}
