package dev.lakejwt.core.token;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.AbstractJwtSigner;
import dev.lakejwt.core.sign.JwtSigner;
import java.security.Provider;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A signer for token-source tests: returns "h.token-N-iat.s", counts calls, remembers each token's
 * claims and which threads signed; it can be made slow, failing, or run a hook while signing.
 */
final class CountingSigner extends AbstractJwtSigner {
    final AtomicInteger calls = new AtomicInteger();
    final AtomicBoolean failing = new AtomicBoolean();
    final Map<String, LakeClaims> signed = new ConcurrentHashMap<>();
    final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    volatile long delayMillis;
    volatile Runnable duringSign = () -> { };

    CountingSigner() {
        super("counting", EnumSet.of(Algorithm.RS256), null);
    }

    @Override
    protected String signToken(LakeClaims claims, SigningKey key, Provider provider) throws Exception {
        int n = calls.incrementAndGet();
        threads.add(Thread.currentThread());
        duringSign.run();
        if (delayMillis > 0) {
            Thread.sleep(delayMillis);
        }
        if (failing.get()) {
            throw new IllegalStateException("HSM unavailable while signing for " + claims.pat());
        }
        String token = "h.token-" + n + "-" + claims.issuedAt() + ".s";
        signed.put(token, claims);
        return token;
    }

    /** The {@code exp} of a token this signer made, in epoch milliseconds. */
    long expiresAtMillis(String token) {
        return signed.get(token).expiresAt() * 1000;
    }

    @Override
    public JwtSigner withProvider(Provider provider) {
        return this;
    }
}
