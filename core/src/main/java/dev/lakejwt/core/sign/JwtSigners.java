package dev.lakejwt.core.sign;

import dev.lakejwt.core.SigningException;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds {@link JwtSigner}s on the class path by name. The {@link ServiceLoader} scan runs once and
 * is cached; lookups afterwards are a map read.
 *
 * <p>Easy to get wrong: with several adapters on one class path there is no "first one wins": you
 * select by name ({@code jdk} is always there), and an unknown name fails with the list of names
 * that are available. Two signers claiming the same name fail loudly too.
 */
public final class JwtSigners {
    /** The name of the JDK-only reference signer that core always provides. */
    public static final String DEFAULT = "jdk";

    private static volatile Map<String, JwtSigner> byName;

    private JwtSigners() {
    }

    /** The signer registered under {@code name} (case-insensitive), with the JCA default provider. */
    public static JwtSigner named(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        JwtSigner signer = signers().get(key);
        if (signer == null) {
            throw new SigningException("no JwtSigner named '" + name + "' on the class path; available: "
                    + String.join(", ", available()) + " (add the adapter's jar, e.g. dev.lakejwt:lakejwt-" + key
                    + ", or set LAKE_SIGNER / --signer to one of those)");
        }
        return signer;
    }

    /** The signer registered under {@code name}, signing with {@code provider}. */
    public static JwtSigner named(String name, Provider provider) {
        return provider == null ? named(name) : named(name).withProvider(provider);
    }

    /** The names of all signers on the class path, sorted. */
    public static List<String> available() {
        return new ArrayList<>(signers().keySet());
    }

    private static Map<String, JwtSigner> signers() {
        Map<String, JwtSigner> cached = byName;
        if (cached == null) {
            synchronized (JwtSigners.class) {
                cached = byName;
                if (cached == null) {
                    cached = load();
                    byName = cached;
                }
            }
        }
        return cached;
    }

    private static Map<String, JwtSigner> load() {
        Map<String, JwtSigner> found = new TreeMap<>();
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(JwtSigners.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != loaders.get(0)) {
            loaders.add(context);
        }
        for (ClassLoader loader : loaders) {
            Iterator<JwtSigner> it = ServiceLoader.load(JwtSigner.class, loader).iterator();
            while (true) {
                JwtSigner signer;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    signer = it.next();
                } catch (ServiceConfigurationError e) {
                    throw new SigningException("a JwtSigner on the class path could not be loaded: " + e.getMessage(), e);
                }
                String name = signer.name().toLowerCase(Locale.ROOT);
                JwtSigner previous = found.putIfAbsent(name, signer);
                if (previous != null && previous.getClass() != signer.getClass()) {
                    throw new SigningException("two JwtSigners are named '" + name + "': "
                            + previous.getClass().getName() + " and " + signer.getClass().getName()
                            + "; remove one of the jars from the class path");
                }
            }
        }
        if (found.isEmpty()) {
            throw new SigningException("no JwtSigner on the class path: META-INF/services/"
                    + JwtSigner.class.getName() + " is missing; is lakejwt-core's jar intact?");
        }
        return Collections.unmodifiableMap(found);
    }
}
