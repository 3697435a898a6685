package dev.lakejwt.core.sign;

import dev.lakejwt.core.LakeConfigException;
import java.lang.reflect.InvocationTargetException;
import java.security.Provider;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Resolves the JCA provider setting ({@code LAKE_JCA_PROVIDER}, CLI {@code --provider}) to a
 * {@link Provider}: {@code default} (the JDK's own choice), {@code accp} (Amazon Corretto Crypto
 * Provider, native code, about 4× faster RSA signing), or the name of any provider registered with
 * {@link Security}.
 *
 * <p>Easy to get wrong: ACCP is used only where lakejwt hands it over (signer and key), never
 * installed JVM-wide, so TLS and the rest of the application keep their providers; and it pays off
 * only when the key object is its own, which {@code SigningKey.withProvider} arranges. ACCP ships
 * native libraries for Linux and macOS only: add {@code software.amazon.cryptools:AmazonCorrettoCryptoProvider}
 * with the classifier for your platform (e.g. {@code linux-x86_64}).
 */
public final class JcaProviders {
    public static final String DEFAULT = "default";
    public static final String ACCP = "accp";
    static final String ACCP_CLASS = "com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider";

    private JcaProviders() {
    }

    /**
     * The provider for a setting value: empty for {@code default} (or blank, or {@code jdk}).
     *
     * @throws LakeConfigException naming the setting and the fix when the provider is not available
     */
    public static Optional<Provider> named(String name) {
        return named(name, JcaProviders.class.getClassLoader());
    }

    static Optional<Provider> named(String name, ClassLoader loader) {
        String key = name == null ? "" : name.trim();
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.isEmpty() || DEFAULT.equals(lower) || "jdk".equals(lower)) {
            return Optional.empty();
        }
        if (ACCP.equals(lower)) {
            return Optional.of(accp(loader));
        }
        Provider registered = Security.getProvider(key);
        if (registered != null) {
            return Optional.of(registered);
        }
        throw new LakeConfigException("unknown JCA provider '" + name + "' (LAKE_JCA_PROVIDER / --provider): use "
                + "default, accp, or a registered provider: " + registeredNames());
    }

    private static Provider accp(ClassLoader loader) {
        Class<?> type;
        try {
            type = Class.forName(ACCP_CLASS, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new LakeConfigException("JCA provider 'accp' (Amazon Corretto Crypto Provider) is not on the class "
                    + "path: add software.amazon.cryptools:AmazonCorrettoCryptoProvider with your platform's "
                    + "classifier (linux-x86_64, linux-aarch_64, osx-x86_64, osx-aarch_64), or set "
                    + "LAKE_JCA_PROVIDER=default");
        }
        try {
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            type.getMethod("assertHealthy").invoke(provider);
            return provider;
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new LakeConfigException("JCA provider 'accp' is on the class path but not usable here ("
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage() + "); its native code runs on Linux "
                    + "and macOS only: set LAKE_JCA_PROVIDER=default");
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new LakeConfigException("JCA provider 'accp' has an unexpected shape (" + e.getClass().getSimpleName()
                    + "); use AmazonCorrettoCryptoProvider 2.x or set LAKE_JCA_PROVIDER=default");
        }
    }

    private static String registeredNames() {
        return Arrays.stream(Security.getProviders()).map(Provider::getName).collect(Collectors.joining(", "));
    }

    /** The setting values this class understands besides registered provider names. */
    public static List<String> knownNames() {
        return List.of(DEFAULT, ACCP);
    }
}
