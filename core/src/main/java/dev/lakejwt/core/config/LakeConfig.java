package dev.lakejwt.core.config;

import dev.lakejwt.core.LakeConfigException;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.internal.Redact;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.key.KeyLoader;
import dev.lakejwt.core.key.KeyStoreLoader;
import dev.lakejwt.core.key.Pkcs11Config;
import dev.lakejwt.core.key.Pkcs11Token;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JcaProviders;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import dev.lakejwt.core.token.CachingTokenSource;
import dev.lakejwt.core.token.RefreshAheadTokenSource;
import dev.lakejwt.core.token.TokenSource;
import java.net.URI;
import java.nio.file.Path;
import java.security.Provider;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Everything needed to call Lake as one user: URL, system, organization id, user, PAT, the key
 * source (a PEM key file, a PKCS#12/JKS key store, or a PKCS#11 token) with its secrets, key id,
 * token lifetime, signer and JCA provider, read from the {@code LAKE_*} environment variables with
 * explicit values overriding them, and the wiring from those values to a {@link LakeClient}.
 *
 * <p>Easy to get wrong: required values are checked when they are used, not when the configuration
 * is built; {@link #requireUrl()} and friends throw a {@link LakeConfigException} naming the variable
 * and the flag. Setting a key store or a PKCS#11 token selects it instead of the PEM key file, and
 * setting two sources is an error rather than a silent choice. {@link #toString()} masks the PAT, the
 * passphrase and the PIN.
 */
public final class LakeConfig {
    public static final Path DEFAULT_KEY_FILE = Path.of("primary.pem");

    /**
     * Where the signing key comes from.
     *
     * <p>Easy to get wrong: {@link #PEM_FILE} is the default even when no key file was set (it is
     * {@code primary.pem} in the working directory then).
     */
    public enum KeySource {
        /** A PEM private key file ({@code LAKE_KEY_FILE}, {@code --key}). */
        PEM_FILE,
        /** A PKCS#12 or JKS key store ({@code LAKE_KEYSTORE}, {@code --keystore}). */
        KEY_STORE,
        /** A PKCS#11 token ({@code LAKE_PKCS11_CONFIG} or {@code LAKE_PKCS11_LIBRARY}). */
        PKCS11
    }

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
    private final Path keystore;
    private final String keyAlias;
    private final char[] pin;
    private final Path pkcs11ConfigFile;
    private final Path pkcs11Library;
    private final Long pkcs11Slot;
    private final Integer pkcs11SlotIndex;

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
        this.keystore = b.keystore;
        this.keyAlias = b.keyAlias;
        this.pin = b.pin == null ? null : b.pin.clone();
        this.pkcs11ConfigFile = b.pkcs11ConfigFile;
        this.pkcs11Library = b.pkcs11Library;
        this.pkcs11Slot = b.pkcs11Slot;
        this.pkcs11SlotIndex = b.pkcs11SlotIndex;
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
        b.keystore = keystore;
        b.keyAlias = keyAlias;
        b.pin = pin == null ? null : pin.clone();
        b.pkcs11ConfigFile = pkcs11ConfigFile;
        b.pkcs11Library = pkcs11Library;
        b.pkcs11Slot = pkcs11Slot;
        b.pkcs11SlotIndex = pkcs11SlotIndex;
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

    /** The key id: as set, else the alias for a key store or token, else the key file's name without extension. */
    public String keyId() {
        if (keyId != null) {
            return keyId;
        }
        if (keyAlias != null && keySource() != KeySource.PEM_FILE) {
            return keyAlias;
        }
        return KeyLoader.defaultKeyId(keyFile());
    }

    /**
     * The key source these settings select: a key store when one is set, a PKCS#11 token when its
     * configuration file or library is set, else the PEM key file.
     *
     * @throws LakeConfigException when settings of two sources are given
     */
    public KeySource keySource() {
        boolean pkcs11 = pkcs11ConfigFile != null || pkcs11Library != null;
        if (keystore != null && pkcs11) {
            throw new LakeConfigException("both a key store (" + Setting.KEYSTORE.variable() + ", "
                    + Setting.KEYSTORE.flag() + ") and a PKCS#11 token (" + Setting.PKCS11_CONFIG.flag() + " / "
                    + Setting.PKCS11_LIBRARY.flag() + ") are set: choose one key source");
        }
        if ((keystore != null || pkcs11) && keyFile != null) {
            throw new LakeConfigException("both a key file (" + Setting.KEY_FILE.variable() + ", " + Setting.KEY_FILE.flag()
                    + ") and a " + (pkcs11 ? "PKCS#11 token" : "key store") + " are set: choose one key source");
        }
        return keystore != null ? KeySource.KEY_STORE : pkcs11 ? KeySource.PKCS11 : KeySource.PEM_FILE;
    }

    /** The key store file, when set. */
    public Optional<Path> keystore() {
        return Optional.ofNullable(keystore);
    }

    /** The key's alias in the key store or its label in the token, when set. */
    public Optional<String> keyAlias() {
        return Optional.ofNullable(keyAlias);
    }

    /**
     * The PKCS#11 token's configuration: the SunPKCS11 file, else the library with its slot or slot index.
     *
     * @throws LakeConfigException when neither is set, or both, or both a slot and a slot index, or a slot
     *                             with a configuration file
     */
    public Pkcs11Config pkcs11Config() {
        if (pkcs11ConfigFile != null && pkcs11Library != null) {
            throw new LakeConfigException("both a SunPKCS11 configuration file (" + Setting.PKCS11_CONFIG.flag()
                    + ") and a PKCS#11 library (" + Setting.PKCS11_LIBRARY.flag() + ") are set: the file names the "
                    + "library itself, so give one of them");
        }
        if (pkcs11ConfigFile != null) {
            if (pkcs11Slot != null || pkcs11SlotIndex != null) {
                Setting slot = pkcs11Slot != null ? Setting.PKCS11_SLOT : Setting.PKCS11_SLOT_INDEX;
                throw new LakeConfigException("a PKCS#11 slot (" + slot.variable() + ", " + slot.flag() + ") is set "
                        + "with a SunPKCS11 configuration file (" + Setting.PKCS11_CONFIG.flag() + "), which names "
                        + "its slot itself: put the slot in the file (slot = … or slotListIndex = …), or give the "
                        + "library instead (" + Setting.PKCS11_LIBRARY.variable() + ", " + Setting.PKCS11_LIBRARY.flag()
                        + ")");
            }
            return Pkcs11Config.fromFile(pkcs11ConfigFile);
        }
        Path library = require(pkcs11Library, Setting.PKCS11_LIBRARY);
        if (pkcs11Slot != null && pkcs11SlotIndex != null) {
            throw new LakeConfigException("both a PKCS#11 slot id (" + Setting.PKCS11_SLOT.flag() + ") and a slot index ("
                    + Setting.PKCS11_SLOT_INDEX.flag() + ") are set: give one of them");
        }
        Pkcs11Config.Builder config = Pkcs11Config.builder().library(library);
        if (pkcs11Slot != null) {
            config.slot(pkcs11Slot);
        } else if (pkcs11SlotIndex != null) {
            config.slotListIndex(pkcs11SlotIndex);
        }
        return config.build();
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
     * Loads the key from the selected {@link #keySource()} under {@link #keyId()}: the key file with
     * the passphrase, the key store entry with the PIN as store password (and the passphrase as key
     * password when set), or the token's key with the PIN (copies of the secrets are used and wiped).
     * A software key is bound to the configured JCA provider when one is set; a token key keeps the
     * token's provider.
     */
    public SigningKey loadSigningKey() {
        KeySource source = keySource();
        SigningKey key = switch (source) {
            case PEM_FILE -> KeyLoader.loadPrivateKey(keyFile(), copy(keyPassphrase));
            case KEY_STORE -> KeyStoreLoader.load(keystore, copy(pin), keyAlias, copy(keyPassphrase));
            case PKCS11 -> Pkcs11Token.open(pkcs11Config()).loadKey(keyAlias, copy(pin));
        };
        key = key.withKeyId(keyId());
        Optional<Provider> provider = signingProvider();
        return provider.isPresent() ? key.withProvider(provider.get()) : key;
    }

    /**
     * Generates a key pair inside the configured PKCS#11 token under the alias (else the key id) and
     * returns its public key, for the Lake console's "upload public key" step; the private key never
     * leaves the token.
     */
    public PublicKey generateKeyInToken(Algorithm algorithm) {
        if (keySource() != KeySource.PKCS11) {
            throw new LakeConfigException("no PKCS#11 token configured: set " + Setting.PKCS11_CONFIG.variable() + " ("
                    + Setting.PKCS11_CONFIG.flag() + ") or " + Setting.PKCS11_LIBRARY.variable() + " ("
                    + Setting.PKCS11_LIBRARY.flag() + ")");
        }
        String label = keyAlias != null ? keyAlias : require(keyId, Setting.KEY_ALIAS);
        return Pkcs11Token.open(pkcs11Config()).generateKeyPair(label, algorithm, copy(pin));
    }

    /** The configured signer, looked up by name, signing with the configured JCA provider. */
    public JwtSigner jwtSigner() {
        return JwtSigners.named(signer(), signingProvider().orElse(null));
    }

    /** The JCA provider setting, refused for a token key, which only the token's own provider can use. */
    private Optional<Provider> signingProvider() {
        Optional<Provider> provider = JcaProviders.named(jcaProvider());
        if (provider.isPresent() && keySource() == KeySource.PKCS11) {
            throw new LakeConfigException(Setting.JCA_PROVIDER.variable() + "=" + jcaProvider() + " cannot sign with a "
                    + "PKCS#11 key: the token's own provider signs; unset " + Setting.JCA_PROVIDER.variable() + " (or "
                    + Setting.JCA_PROVIDER.flag() + ")");
        }
        return provider;
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

    /**
     * A token source that signs ahead of expiry in the background, for long-running services: close
     * it when done (it owns a daemon scheduler thread).
     */
    public RefreshAheadTokenSource newRefreshAheadTokenSource(Clock clock) {
        return RefreshAheadTokenSource.builder()
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
        String keyPlace;
        String id;
        try {
            KeySource source = keySource();
            keyPlace = switch (source) {
                case PEM_FILE -> "keyFile=" + keyFile();
                case KEY_STORE -> "keystore=" + keystore + ", alias=" + keyAlias;
                case PKCS11 -> "pkcs11=" + (pkcs11ConfigFile != null ? pkcs11ConfigFile
                        : pkcs11Library + (pkcs11Slot != null ? " slot " + pkcs11Slot
                        : pkcs11SlotIndex != null ? " slot index " + pkcs11SlotIndex : "")) + ", alias=" + keyAlias;
            };
            id = keyId();
        } catch (LakeConfigException e) {
            keyPlace = "keyFile=" + keyFile + ", keystore=" + keystore + ", pkcs11=" + pkcs11ConfigFile + "/" + pkcs11Library;
            id = keyId;
        }
        return "LakeConfig[url=" + url + ", system=" + system + ", orgId=" + orgId + ", user=" + user
                + ", pat=" + (pat == null ? "null" : Redact.MASK) + ", " + keyPlace + ", keyId=" + id
                + ", passphrase=" + (keyPassphrase == null ? "null" : Redact.MASK)
                + ", pin=" + (pin == null ? "null" : Redact.MASK) + ", tokenTtl=" + tokenTtl()
                + ", signer=" + signer() + ", provider=" + jcaProvider() + "]";
    }

    private static char[] copy(char[] secret) {
        return secret == null ? null : Arrays.copyOf(secret, secret.length);
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
        private Path keystore;
        private String keyAlias;
        private char[] pin;
        private Path pkcs11ConfigFile;
        private Path pkcs11Library;
        private Long pkcs11Slot;
        private Integer pkcs11SlotIndex;

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
            if (keystore == null && (v = value(env, Setting.KEYSTORE)) != null) {
                keystore = Path.of(v);
            }
            if (keyAlias == null) {
                keyAlias = value(env, Setting.KEY_ALIAS);
            }
            if (pin == null && (v = value(env, Setting.PIN)) != null) {
                pin = v.toCharArray();
            }
            if (pkcs11ConfigFile == null && (v = value(env, Setting.PKCS11_CONFIG)) != null) {
                pkcs11ConfigFile = Path.of(v);
            }
            if (pkcs11Library == null && (v = value(env, Setting.PKCS11_LIBRARY)) != null) {
                pkcs11Library = Path.of(v);
            }
            if (pkcs11Slot == null && pkcs11SlotIndex == null) {
                if ((v = value(env, Setting.PKCS11_SLOT)) != null) {
                    pkcs11Slot = parseWhole(v, Setting.PKCS11_SLOT.variable());
                }
                if ((v = value(env, Setting.PKCS11_SLOT_INDEX)) != null) {
                    pkcs11SlotIndex = Math.toIntExact(parseWhole(v, Setting.PKCS11_SLOT_INDEX.variable()));
                }
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

        /** A PKCS#12 or JKS key store to load the key from, instead of a PEM key file. */
        public Builder keystore(Path keystore) {
            this.keystore = keystore;
            return this;
        }

        /** The key's alias in the key store, or its label in the PKCS#11 token; the default kid. */
        public Builder keyAlias(String keyAlias) {
            this.keyAlias = blankToNull(keyAlias);
            return this;
        }

        /** The key store password or token PIN; the builder keeps a copy, so the caller may wipe its array. */
        public Builder pin(char[] pin) {
            this.pin = pin == null ? null : pin.clone();
            return this;
        }

        /** A SunPKCS11 configuration file naming the token's library and slot. */
        public Builder pkcs11ConfigFile(Path pkcs11ConfigFile) {
            this.pkcs11ConfigFile = pkcs11ConfigFile;
            return this;
        }

        /** The token's PKCS#11 library, used with {@link #pkcs11Slot} or {@link #pkcs11SlotIndex}. */
        public Builder pkcs11Library(Path pkcs11Library) {
            this.pkcs11Library = pkcs11Library;
            return this;
        }

        /** The token's slot id (clears a slot index). */
        public Builder pkcs11Slot(Long pkcs11Slot) {
            this.pkcs11Slot = pkcs11Slot;
            if (pkcs11Slot != null) {
                this.pkcs11SlotIndex = null;
            }
            return this;
        }

        /** The token's position in the library's slot list (clears a slot id). */
        public Builder pkcs11SlotIndex(Integer pkcs11SlotIndex) {
            this.pkcs11SlotIndex = pkcs11SlotIndex;
            if (pkcs11SlotIndex != null) {
                this.pkcs11Slot = null;
            }
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

        private static long parseWhole(String text, String source) {
            try {
                long value = Long.parseLong(text.trim());
                if (value < 0 || value > Integer.MAX_VALUE && source.endsWith("INDEX")) {
                    throw new NumberFormatException();
                }
                return value;
            } catch (NumberFormatException e) {
                throw new LakeConfigException(source + "='" + text + "' is not a whole number (slots are listed by "
                        + "'softhsm2-util --show-slots' or 'pkcs11-tool -L')");
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
