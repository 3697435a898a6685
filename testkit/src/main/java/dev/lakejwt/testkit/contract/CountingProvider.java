package dev.lakejwt.testkit.contract;

import java.security.InvalidKeyException;
import java.security.InvalidParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.NoSuchProviderException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.SignatureSpi;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A JCA {@link Provider} that signs by passing every call on to the JDK's own providers and counts
 * each signature it makes: proof that a signer really used the provider it was given. Registers
 * {@code Signature.SHA256withRSA} (SunRsaSign) and {@code Signature.SHA256withECDSA} and
 * {@code SHA256withECDSAinP1363Format} (SunEC). Each instance has its own count and a unique name.
 *
 * <p>Easy to get wrong: a signer that looks providers up by <em>name</em> (jose4j does) finds this
 * one only after {@code Security.addProvider(provider)}; the unique name per instance keeps two
 * instances from shadowing each other there. The count includes signatures of every thread.
 */
public final class CountingProvider extends Provider {
    private static final long serialVersionUID = 1L;
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    private final transient AtomicInteger signatures = new AtomicInteger();

    /** A provider named {@code LakeJwtCounting-N}, N unique in this JVM. */
    public CountingProvider() {
        super("LakeJwtCounting-" + INSTANCES.incrementAndGet(), "1.0",
                "counts signatures made through the JDK's SunRsaSign and SunEC");
        register("SHA256withRSA", "SunRsaSign");
        register("SHA256withECDSA", "SunEC");
        register("SHA256withECDSAinP1363Format", "SunEC");
    }

    private void register(String algorithm, String delegateProvider) {
        putService(new CountingService(this, algorithm, delegateProvider));
    }

    /** How many signatures this provider has made. */
    public int signatures() {
        return signatures.get();
    }

    /** Sets the count back to zero. */
    public void resetCount() {
        signatures.set(0);
    }

    /** The signature algorithms registered, as JCA names. */
    public List<String> algorithms() {
        return getServices().stream().map(Service::getAlgorithm).sorted().toList();
    }

    /** A service creating a counting signature that delegates to the named JDK provider. */
    private static final class CountingService extends Service {
        private final CountingProvider owner;
        private final String delegateProvider;

        CountingService(CountingProvider owner, String algorithm, String delegateProvider) {
            super(owner, "Signature", algorithm, CountingSignature.class.getName(), null, null);
            this.owner = owner;
            this.delegateProvider = delegateProvider;
        }

        @Override
        public Object newInstance(Object constructorParameter) throws NoSuchAlgorithmException {
            try {
                return new CountingSignature(Signature.getInstance(getAlgorithm(), delegateProvider), owner.signatures);
            } catch (NoSuchProviderException e) {
                throw new NoSuchAlgorithmException("the JDK provider " + delegateProvider + " is not installed", e);
            }
        }
    }

    /** Delegates every operation and counts {@code engineSign}. */
    private static final class CountingSignature extends SignatureSpi {
        private final Signature delegate;
        private final AtomicInteger counter;

        CountingSignature(Signature delegate, AtomicInteger counter) {
            this.delegate = delegate;
            this.counter = counter;
        }

        @Override
        protected void engineInitVerify(PublicKey publicKey) throws InvalidKeyException {
            delegate.initVerify(publicKey);
        }

        @Override
        protected void engineInitSign(PrivateKey privateKey) throws InvalidKeyException {
            delegate.initSign(privateKey);
        }

        @Override
        protected void engineUpdate(byte b) throws SignatureException {
            delegate.update(b);
        }

        @Override
        protected void engineUpdate(byte[] b, int off, int len) throws SignatureException {
            delegate.update(b, off, len);
        }

        @Override
        protected byte[] engineSign() throws SignatureException {
            byte[] signature = delegate.sign();
            counter.incrementAndGet();
            return signature;
        }

        @Override
        protected boolean engineVerify(byte[] sigBytes) throws SignatureException {
            return delegate.verify(sigBytes);
        }

        @Override
        @Deprecated
        protected void engineSetParameter(String param, Object value) {
            throw new InvalidParameterException("no parameters");
        }

        @Override
        @Deprecated
        protected Object engineGetParameter(String param) {
            throw new InvalidParameterException("no parameters");
        }
    }
}
