package dev.lakejwt.core.config;

import dev.lakejwt.core.LakeConfigException;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.internal.Redact;
import dev.lakejwt.core.key.KeyLoader;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JcaProviders;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.core.token.CachingTokenSource;
import dev.lakejwt.core.token.TokenSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to call Lake as one user: URL, system, organization id, user, PAT, key file,
 * key id, passphrase, token lifetime, signer and JCA provider, read from the {@code LAKE_*} environment variables
 * with explicit values overriding them, and the wiring from those values to a {@link LakeClient}.
 *
 * <p>Easy to get wrong: required values are checked when they are used, not when the configuration
 * is built; {@link #requireUrl()} and friends throw a {@link LakeConfigException} naming the variable
 * and the flag. {@link #toString()} masks the PAT and the passphrase.
 */
public final class LakeConfig {
    public static final Path DEFAULT_KEY_FILE = Path.of("primary.pem");

    private final URI url;
    private final String system;
    private final String orgId;
    private final String user;
    private final String pat;
    private final Path keyFile;
    private final String keyId;
    private final char[] keyPassphrase;
    private final Duration tokenTtl;
    private final String signer;
    private final String jcaProvider;

    private LakeConfig(Builder b) {
        this.url = b.url;
        this.system = b.system;
        this.orgId = b.orgId;
        this.user = b.user;
        this.pat = b.pat;
        this.keyFile = b.keyFile;
        this.keyId = b.keyId;
        this.keyPassphrase = b.keyPassphrase == null ? null : b.keyPassphrase.clone();
        this.tokenTtl = b.tokenTtl;
        this.signer = b.signer;
        this.jcaProvider = b.jcaProvider;
    }

    /** The configuration from this process's environment. */
    public static LakeConfig fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /** The configuration from the given environment map. */
    public static LakeConfig fromEnvironment(Map<String, String> environment) {
        return builder().fromEnvironment(environment).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.url = url;
        b.system = system;
        b.orgId = orgId;
        b.user = user;
        b.pat = pat;
        b.keyFile = keyFile;
        b.keyId = keyId;
        b.keyPassphrase = keyPassphrase == null ? null : keyPassphrase.clone();
        b.tokenTtl = tokenTtl;
        b.signer = signer;
        b.jcaProvider = jcaProvider;
        return b;
    }

    public Optional<URI> url() {
        return Optional.ofNullable(url);
    }

    public URI requireUrl() {
        return require(url, Setting.URL);
    }

    public Optional<String> system() {
        return Optional.ofNullable(system);
    }

    public String requireSystem() {
        return require(system, Setting.SYSTEM);
    }

    public Optional<String> orgId() {
        return Optional.ofNullable(orgId);
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    /** Whether a PAT is set; the PAT itself is only handed out inside {@link #credentials()}. */
    public boolean hasPat() {
        return pat != null;
    }

    /** The key file, {@code primary.pem} in the working directory unless set. */
    public Path keyFile() {
        return keyFile == null ? DEFAULT_KEY_FILE : keyFile;
    }

    /** The key id: as set, else the key file's name without extension. */
    public String keyId() {
        return keyId != null ? keyId : KeyLoader.defaultKeyId(keyFile());
    }

    /** The token lifetime, 3600 s unless set. */
    public Duration tokenTtl() {
        return tokenTtl == null ? ClaimsAssembler.DEFAULT_LIFETIME : tokenTtl;
    }

    /** The signer name, {@code jdk} unless set. */
    public String signer() {
        return signer == null ? JwtSigners.DEFAULT : signer;
    }

    /** The JCA provider setting, {@code default} unless set; see {@link JcaProviders}. */
    public String jcaProvider() {
        return jcaProvider == null ? JcaProviders.DEFAULT : jcaProvider;
    }

    /** User, PAT and organization id; fails naming the first one missing. */
    public LakeCredentials credentials() {
        return new LakeCredentials(require(user, Setting.USER), require(pat, Setting.PAT), require(orgId, Setting.ORG_ID));
    }

    /**
     * Loads the key file with the passphrase (a copy of it is used and wiped) under {@link #keyId()},
     * bound to the configured JCA provider when one is set.
     */
    public SigningKey loadSigningKey() {
        char[] passphrase = keyPassphrase == null ? null : keyPassphrase.clone();
        SigningKey key = KeyLoader.loadPrivateKey(keyFile(), passphrase).withKeyId(keyId());
        Optional<Provider> provider = JcaProviders.named(jcaProvider());
        return provider.isPresent() ? key.withProvider(provider.get()) : key;
    }

    /** The configured signer, looked up by name, signing with the configured JCA provider. */
    public JwtSigner jwtSigner() {
        return JwtSigners.named(signer(), JcaProviders.named(jcaProvider()).orElse(null));
    }

    /** A caching token source for these credentials, key, signer and lifetime. */
    public TokenSource newTokenSource(Clock clock) {
        return CachingTokenSource.builder()
                .signer(jwtSigner())
                .key(loadSigningKey())
                .credentials(credentials())
                .assembler(ClaimsAssembler.builder().clock(clock).lifetime(tokenTtl()).build())
                .build();
    }

    /** A client for {@link #requireUrl()} with a caching token source on the system clock. */
    public LakeClient newClient() {
        return LakeClient.builder(requireUrl(), newTokenSource(Clock.systemUTC())).build();
    }

    @Override
    public String toString() {
        return "LakeConfig[url=" + url + ", system=" + system + ", orgId=" + orgId + ", user=" + user
                + ", pat=" + (pat == null ? "null" : Redact.MASK) + ", keyFile=" + keyFile() + ", keyId=" + keyId()
                + ", passphrase=" + (keyPassphrase == null ? "null" : Redact.MASK) + ", tokenTtl=" + tokenTtl()
                + ", signer=" + signer() + ", provider=" + jcaProvider() + "]";
    }

    private static <T> T require(T value, Setting setting) {
        if (value == null) {
            throw new LakeConfigException("missing " + setting.description() + ": set " + setting.variable()
                    + " or pass " + setting.flag());
        }
        return value;
    }

    /**
     * Builds a {@link LakeConfig}. Setters always win; {@link #fromEnvironment(Map)} fills in only what
     * is still unset, so the order of calls does not matter. Blank values count as unset.
     */
    public static final class Builder {
        private URI url;
        private String system;
        private String orgId;
        private String user;
        private String pat;
        private Path keyFile;
        private String keyId;
        private char[] keyPassphrase;
        private Duration tokenTtl;
        private String signer;
        private String jcaProvider;

        private Builder() {
        }

        /** Fills every still-unset value from the {@code LAKE_*} variables in {@code env}. */
        public Builder fromEnvironment(Map<String, String> env) {
            String v;
            if (url == null && (v = value(env, Setting.URL)) != null) {
                url = parseUrl(v, Setting.URL.variable());
            }
            if (system == null) {
                system = value(env, Setting.SYSTEM);
            }
            if (orgId == null) {
                orgId = value(env, Setting.ORG_ID);
            }
            if (user == null) {
                user = value(env, Setting.USER);
            }
            if (pat == null) {
                pat = value(env, Setting.PAT);
            }
            if (keyFile == null && (v = value(env, Setting.KEY_FILE)) != null) {
                keyFile = Path.of(v);
            }
            if (keyId == null) {
                keyId = value(env, Setting.KEY_ID);
            }
            if (keyPassphrase == null && (v = value(env, Setting.KEY_PASSPHRASE)) != null) {
                keyPassphrase = v.toCharArray();
            }
            if (tokenTtl == null && (v = value(env, Setting.TOKEN_TTL)) != null) {
                tokenTtl = parseSeconds(v, Setting.TOKEN_TTL.variable());
            }
            if (signer == null) {
                signer = value(env, Setting.SIGNER);
            }
            if (jcaProvider == null) {
                jcaProvider = value(env, Setting.JCA_PROVIDER);
            }
            return this;
        }

        public Builder url(URI url) {
            this.url = url;
            return this;
        }

        /** The base URL as text; fails naming {@code --url} when it is not an http(s) URL. */
        public Builder url(String url) {
            this.url = url == null ? null : parseUrl(url, Setting.URL.flag());
            return this;
        }

        public Builder system(String system) {
            this.system = blankToNull(system);
            return this;
        }

        public Builder orgId(String orgId) {
            this.orgId = blankToNull(orgId);
            return this;
        }

        public Builder user(String user) {
            this.user = blankToNull(user);
            return this;
        }

        public Builder pat(String pat) {
            this.pat = blankToNull(pat);
            return this;
        }

        public Builder keyFile(Path keyFile) {
            this.keyFile = keyFile;
            return this;
        }

        public Builder keyId(String keyId) {
            this.keyId = blankToNull(keyId);
            return this;
        }

        /** The passphrase; the builder keeps a copy, so the caller may wipe its array afterwards. */
        public Builder keyPassphrase(char[] keyPassphrase) {
            this.keyPassphrase = keyPassphrase == null ? null : keyPassphrase.clone();
            return this;
        }

        public Builder tokenTtl(Duration tokenTtl) {
            this.tokenTtl = tokenTtl;
            return this;
        }

        public Builder signer(String signer) {
            this.signer = blankToNull(signer);
            return this;
        }

        /** {@code default}, {@code accp} or a registered provider name; see {@link JcaProviders}. */
        public Builder jcaProvider(String jcaProvider) {
            this.jcaProvider = blankToNull(jcaProvider);
            return this;
        }

        public LakeConfig build() {
            return new LakeConfig(this);
        }

        private static String value(Map<String, String> env, Setting setting) {
            return blankToNull(env.get(setting.variable()));
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }

        private static URI parseUrl(String text, String source) {
            try {
                URI uri = URI.create(text.trim());
                String scheme = uri.getScheme();
                if (uri.getHost() == null || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))) {
                    throw new IllegalArgumentException("not http(s)");
                }
                return uri;
            } catch (IllegalArgumentException e) {
                throw new LakeConfigException(source + "='" + text + "' is not a Lake URL: give "
                        + "https://<org>.innovationlabs.teradata.com (http://127.0.0.1:PORT for the fake Lake)");
            }
        }

        private static Duration parseSeconds(String text, String source) {
            try {
                long seconds = Long.parseLong(text.trim());
                if (seconds <= 0) {
                    throw new NumberFormatException();
                }
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new LakeConfigException(source + "='" + text + "' is not a positive whole number of seconds "
                        + "(e.g. 3600)");
            }
        }
    }
}
