package dev.lakejwt.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.Slf4jNotifier;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.testkit.verify.LakeDirectory;
import dev.lakejwt.testkit.verify.LakeTokenVerifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * A fake VantageCloud Lake on 127.0.0.1 that really verifies tokens: every request's bearer JWT is
 * checked with the JDK alone ({@link LakeTokenVerifier}) against the registered users, PATs and keys,
 * and refused with 401 and a JSON body naming the exact {@link dev.lakejwt.testkit.verify.RejectionReason}.
 * Behind the check it serves Query Service ({@code SEL * FROM dbc.dbcinfo} out of the box, other SQL
 * from stubs), sessions, spooled queries, {@code /api/my-organization}, and the token inspector at
 * {@code /__lake/}. It is programmable from tests: identities, stubs, faults, latency, clock, journal.
 * <pre>{@code
 * try (FakeLake lake = FakeLake.start()) {
 *     LakeIdentity me = lake.newIdentity("demo_user");
 *     QueryResult r = me.client().query(lake.defaultSystem(), "SEL * FROM dbc.dbcinfo");
 * }
 * }</pre>
 *
 * <p>Easy to get wrong: the fake refuses what Lake would refuse, including the kid with {@code .pem},
 * a one-element {@code aud} that is not {@code td:service:authentication}, and a {@code multi-use}
 * written as the string {@code "true"}; when a test gets a 401, read {@link #journal()} or the
 * inspector page for the reason instead of loosening the fake. Close it (try-with-resources, or let
 * the JUnit extension do it): it owns a server thread pool and a temporary directory.
 */
public final class FakeLake implements AutoCloseable {
    /** The organization id a fake has unless configured: UUID-like, as Lake's are. */
    public static final String DEFAULT_ORG_ID = "0b5e5a1c-7d3f-4c8e-9a6b-2f1d4e8c7a90";
    /** The organization name a fake has unless configured. */
    public static final String DEFAULT_ORG_NAME = "fakelake";
    /** The system alias a fake serves unless configured: the quickstart's. */
    public static final String DEFAULT_SYSTEM = "shared_demo";
    /** The host a fake binds to unless configured. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String host;
    private final boolean https;
    private final String orgId;
    private final String orgName;
    private final List<String> systems;
    private final FakeLakeClock clock;
    private final LakeDirectory directory = new LakeDirectory();
    private final LakeTokenVerifier verifier;
    private final LakeJournal journal;
    private final List<QueryHandler> handlers = new CopyOnWriteArrayList<>();
    private final Deque<LakeFault> faults = new ArrayDeque<>();
    private volatile Latency latency = Latency.NONE;
    private final int spooledReadyAfterPolls;
    private final boolean freshKeyPairs;
    private final AtomicInteger rsaIdentities = new AtomicInteger();
    private final LakeApi api;
    private final Path workDir;
    private final SelfSignedCertificate certificate;
    private final WireMockServer server;
    private final URI baseUrl;
    private volatile HttpClient httpClient;

    private LakeDirectory baselineDirectory;
    private List<QueryHandler> baselineHandlers;
    private int baselineRsaIdentities;

    private FakeLake(Builder b) {
        this.host = b.host;
        this.https = b.https;
        this.orgId = requireText(b.orgId, "orgId");
        this.orgName = requireText(b.orgName, "orgName");
        this.systems = List.copyOf(b.systems.isEmpty() ? List.of(DEFAULT_SYSTEM) : b.systems);
        this.clock = new FakeLakeClock(b.clock);
        this.journal = new LakeJournal(b.journalCapacity);
        this.spooledReadyAfterPolls = b.spooledReadyAfterPolls;
        this.freshKeyPairs = b.freshKeyPairs;
        directory.restoreFrom(b.directory);
        if (b.handler != null) {
            handlers.add(b.handler);
        }
        LakeTokenVerifier.Builder vb = LakeTokenVerifier.builder().directory(directory).organization(orgId).clock(clock)
                .allowedSkew(b.allowedSkew).maxLifetime(b.maxLifetime);
        if (b.issuer != null) {
            vb.issuer(b.issuer);
        }
        this.verifier = vb.build();
        this.api = new LakeApi(this, () -> handlers, clock);
        try {
            this.workDir = Files.createTempDirectory("fake-lake-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the fake Lake's temporary directory", e);
        }
        this.certificate = https ? SelfSignedCertificate.generate(workDir, host) : null;

        LakeServer lakeServer = new LakeServer(this);
        WireMockConfiguration options = WireMockConfiguration.options()
                .bindAddress(host)
                .withRootDirectory(workDir.toString())
                .notifier(new Slf4jNotifier(false))
                .disableRequestJournal()
                .templatingEnabled(false)
                .stubCorsEnabled(false)
                .jettyHeaderRequestSize(64 * 1024)
                .httpServerFactory(new ExactHeaderJettyFactory())
                .containerThreads(b.threads)
                .jettyAcceptors(1)
                .extensions(lakeServer);
        if (https) {
            options.httpDisabled(true)
                    .httpsPort(b.port)
                    .keystorePath(certificate.keyStore().toString())
                    .keystorePassword(certificate.password())
                    .keyManagerPassword(certificate.password())
                    .keystoreType("PKCS12");
        } else {
            options.port(b.port);
        }
        this.server = new WireMockServer(options);
        try {
            server.start();
        } catch (RuntimeException e) {
            deleteRecursively(workDir);
            throw new IllegalStateException("the fake Lake could not start on " + host + ":" + b.port + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); is the port in use?", e);
        }
        lakeServer.catchAllStub(server.stubFor(any(anyUrl()).atPriority(Integer.MAX_VALUE / 2)
                .willReturn(aResponse().withStatus(404))));
        int port = https ? server.httpsPort() : server.port();
        this.baseUrl = URI.create((https ? "https" : "http") + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + ":" + port);
        markBaseline();
    }

    /** A builder with every default: 127.0.0.1, a free port, HTTP, {@link #DEFAULT_ORG_ID}, system {@code shared_demo}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Starts a fake with every default. */
    public static FakeLake start() {
        return builder().start();
    }

    /** {@code http://127.0.0.1:PORT} (or https), without a trailing slash: the {@code LAKE_URL} of the fake. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** The port the fake listens on. */
    public int port() {
        return baseUrl.getPort();
    }

    /** The token inspector page, {@code baseUrl()/__lake/}. */
    public URI inspectorUrl() {
        return URI.create(baseUrl + LakeServer.INSPECTOR + "/");
    }

    public boolean isHttps() {
        return https;
    }

    /** The organization id tokens must carry as {@code org_id}. */
    public String orgId() {
        return orgId;
    }

    public String orgName() {
        return orgName;
    }

    /** The system aliases served, the first being {@link #defaultSystem()}. */
    public List<String> systems() {
        return systems;
    }

    public String defaultSystem() {
        return systems.get(0);
    }

    /** The controllable clock behind token checks, PAT expiry and identities' tokens. */
    public FakeLakeClock clock() {
        return clock;
    }

    /** Every request received, with its token verdict. */
    public LakeJournal journal() {
        return journal;
    }

    /** The verifier checking every request (live view of this fake's users, PATs and keys). */
    public LakeTokenVerifier verifier() {
        return verifier;
    }

    /** The users, PATs and keys tokens are checked against; changes apply to the next request. */
    public LakeDirectory directory() {
        return directory;
    }

    // ---- identities, users, PATs, keys

    /** A new RS256 identity: RSA-2048 key pair, kid {@code primary} (or {@code primary-2}, … if taken), random PAT. */
    public LakeIdentity newIdentity(String user) {
        return identity(user).create();
    }

    /** A new identity signing with {@code algorithm} (RS256 with RSA-2048, ES256 with EC P-256). */
    public LakeIdentity newIdentity(String user, Algorithm algorithm) {
        return identity(user).algorithm(algorithm).create();
    }

    /** A builder for an identity with a chosen kid, PAT, PAT expiry or algorithm. */
    public IdentityBuilder identity(String user) {
        return new IdentityBuilder(requireText(user, "user"));
    }

    /** Registers a user with a PAT that never expires. */
    public FakeLake registerUser(String user, String pat) {
        directory.addPat(user, pat);
        return this;
    }

    /** Registers a PAT of {@code user} that expires at {@code expiresAt} (by the fake's clock). */
    public FakeLake registerPat(String user, String pat, Instant expiresAt) {
        directory.addPat(user, pat, expiresAt);
        return this;
    }

    /** Revokes a PAT: its tokens are refused with {@code PAT_REVOKED}. */
    public FakeLake revokePat(String pat) {
        directory.revokePat(pat);
        return this;
    }

    /** Expires a PAT now: its tokens are refused with {@code PAT_EXPIRED}. */
    public FakeLake expirePat(String pat) {
        directory.expirePat(pat, clock.instant());
        return this;
    }

    /** Registers an organization-wide public key under {@code kid}: it verifies tokens of any user. */
    public FakeLake registerKey(String kid, PublicKey key) {
        directory.addKey(kid, key);
        return this;
    }

    /** Registers {@code user}'s public key under {@code kid}: it verifies that user's tokens only. */
    public FakeLake registerKey(String user, String kid, PublicKey key) {
        directory.addKey(user, kid, key);
        return this;
    }

    /** Revokes every key named {@code kid}: tokens naming it are refused with {@code KEY_REVOKED}. */
    public FakeLake revokeKey(String kid) {
        directory.revokeKey(kid);
        return this;
    }

    /** Revokes {@code user}'s key named {@code kid}. */
    public FakeLake revokeKey(String user, String kid) {
        directory.revokeKey(user, kid);
        return this;
    }

    // ---- queries

    /**
     * Answers {@code sql} with {@code answer}. Matching ignores case, surrounding blanks, a trailing
     * {@code ;} and runs of whitespace, so {@code "sel *  from t"} matches {@code "SEL * FROM t;"}.
     */
    public FakeLake stubQuery(String sql, QueryAnswer answer) {
        String wanted = normalize(requireText(sql, "sql"));
        Objects.requireNonNull(answer, "answer");
        return onQuery(r -> normalize(r.statement()).equals(wanted) ? Optional.of(answer) : Optional.empty());
    }

    /** Answers every statement that {@code pattern} matches entirely with {@code answer}. */
    public FakeLake stubQuery(Pattern pattern, QueryAnswer answer) {
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(answer, "answer");
        return onQuery(r -> pattern.matcher(r.statement()).matches() ? Optional.of(answer) : Optional.empty());
    }

    /** Adds a handler; it is asked before every handler and stub registered earlier. */
    public FakeLake onQuery(QueryHandler handler) {
        handlers.add(Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /** Removes every stub and handler registered after start (the builder's handler stays). */
    public FakeLake clearStubs() {
        handlers.clear();
        handlers.addAll(baselineHandlers);
        return this;
    }

    // ---- faults

    /** The next {@code times} requests to Lake paths get {@code fault} instead of their answer. */
    public FakeLake failNext(int times, LakeFault fault) {
        Objects.requireNonNull(fault, "fault");
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1");
        }
        synchronized (faults) {
            for (int i = 0; i < times; i++) {
                faults.addLast(fault);
            }
        }
        return this;
    }

    /** Delays every answer from now on (until {@link #clearFaults()} or {@code latency(Latency.NONE)}). */
    public FakeLake latency(Latency latency) {
        this.latency = Objects.requireNonNull(latency, "latency");
        return this;
    }

    /** Drops pending faults and latency. */
    public FakeLake clearFaults() {
        synchronized (faults) {
            faults.clear();
        }
        latency = Latency.NONE;
        return this;
    }

    /** How many injected faults are still waiting for a request. */
    public int pendingFaults() {
        synchronized (faults) {
            return faults.size();
        }
    }

    LakeFault takeFault() {
        synchronized (faults) {
            return faults.pollFirst();
        }
    }

    Latency currentLatency() {
        return latency;
    }

    // ---- HTTPS and clients

    /** A TLS context trusting this fake's self-signed certificate; empty over plain HTTP. */
    public Optional<SSLContext> sslContext() {
        return certificate == null ? Optional.empty() : Optional.of(certificate.sslContext());
    }

    /** The fake's certificate as PEM (for {@code curl --cacert} or Python's {@code verify=}); empty over HTTP. */
    public Optional<String> certificatePem() {
        return certificate == null ? Optional.empty() : Optional.of(certificate.pem());
    }

    /** A shared {@link HttpClient} for this fake, trusting its certificate over HTTPS. */
    public HttpClient httpClient() {
        HttpClient client = httpClient;
        if (client == null) {
            synchronized (this) {
                client = httpClient;
                if (client == null) {
                    HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
                    sslContext().ifPresent(b::sslContext);
                    client = b.build();
                    httpClient = client;
                }
            }
        }
        return client;
    }

    /**
     * The WireMock server underneath, for stubs of other Lake APIs (e.g. BaaS paths). Requests to your
     * stubs are token-checked and journaled like the fake's own paths.
     */
    public WireMockServer wireMock() {
        return server;
    }

    // ---- lifecycle

    /** Makes the current users, PATs, keys and handlers what {@link #reset()} returns to. */
    public synchronized void markBaseline() {
        baselineDirectory = directory.copy();
        baselineHandlers = List.copyOf(handlers);
        baselineRsaIdentities = rsaIdentities.get();
    }

    /**
     * Returns to the baseline (the state at start, or at the last {@link #markBaseline()}): users,
     * PATs, keys and handlers as then; no faults, no latency, the clock on system time; no sessions,
     * no spooled queries, an empty journal.
     */
    public synchronized void reset() {
        directory.restoreFrom(baselineDirectory);
        handlers.clear();
        handlers.addAll(baselineHandlers);
        rsaIdentities.set(baselineRsaIdentities);
        clearFaults();
        clock.reset();
        api.reset();
        journal.clear();
    }

    /** Stops the server and deletes the temporary directory (PEM files, key store). Idempotent. */
    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
        deleteRecursively(workDir);
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    @Override
    public String toString() {
        return "FakeLake[" + baseUrl + ", org=" + orgId + ", systems=" + systems + "]";
    }

    LakeApi api() {
        return api;
    }

    int spooledReadyAfterPolls() {
        return spooledReadyAfterPolls;
    }

    Path newWorkDirectory(String prefix) {
        try {
            return Files.createTempDirectory(workDir, prefix.replaceAll("[^A-Za-z0-9_.-]", "_") + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a directory under " + workDir, e);
        }
    }

    static String normalize(String sql) {
        String s = sql.strip();
        while (s.endsWith(";")) {
            s = s.substring(0, s.length() - 1).strip();
        }
        return s.replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    static String randomPat() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return "fakepat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    private static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a temporary directory left behind is not worth failing a test run for.
        }
    }

    /**
     * Creates a {@link LakeIdentity}: key pair generated, PAT random unless given, both registered for
     * the user.
     *
     * <p>Easy to get wrong: each identity registers a <em>new</em> key and PAT; the same user twice
     * gives two keys (kids {@code primary} and {@code primary-2}) and two PATs, both valid.
     */
    public final class IdentityBuilder {
        private final String user;
        private Algorithm algorithm = Algorithm.RS256;
        private String keyId;
        private String pat;
        private Instant patExpiresAt;

        private IdentityBuilder(String user) {
            this.user = user;
        }

        /** RS256 (RSA-2048, the default) or ES256 (EC P-256). */
        public IdentityBuilder algorithm(Algorithm algorithm) {
            if (algorithm == Algorithm.PS256) {
                throw new IllegalArgumentException("Lake accepts RS256 (and the fake also ES256); PS256 tokens are refused");
            }
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** The key's name in the console; default {@code primary}, or the next free {@code primary-N}. */
        public IdentityBuilder keyId(String keyId) {
            this.keyId = requireText(keyId, "keyId");
            return this;
        }

        /** The PAT; default a random one. */
        public IdentityBuilder pat(String pat) {
            this.pat = requireText(pat, "pat");
            return this;
        }

        /** When the PAT expires by the fake's clock; default never. */
        public IdentityBuilder patExpiresAt(Instant expiresAt) {
            this.patExpiresAt = expiresAt;
            return this;
        }

        /** Generates the key pair, registers key and PAT, and returns the identity. */
        public LakeIdentity create() {
            KeyPair pair = algorithm == Algorithm.RS256 && !freshKeyPairs
                    ? KeyPool.rsa(rsaIdentities.getAndIncrement()) : generateKeyPair(algorithm);
            String kid;
            String secret = pat != null ? pat : randomPat();
            synchronized (FakeLake.this) {
                kid = keyId != null ? keyId : freeKeyId(user);
                directory.addKey(user, kid, pair.getPublic());
                directory.addPat(user, secret, patExpiresAt);
            }
            return new LakeIdentity(FakeLake.this, user, secret, SigningKey.of(kid, pair.getPrivate(), algorithm),
                    pair.getPublic());
        }

        private String freeKeyId(String owner) {
            String kid = "primary";
            for (int n = 2; directory.key(owner, kid).isPresent(); n++) {
                kid = "primary-" + n;
            }
            return kid;
        }
    }

    static KeyPair generateKeyPair(Algorithm algorithm) {
        try {
            if (algorithm == Algorithm.ES256) {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate a " + algorithm.keyType() + " key pair", e);
        }
    }

    /**
     * Configures a {@link FakeLake}. Every setting has a default; {@link #start()} binds the port.
     *
     * <p>Easy to get wrong: {@link #system(String)} replaces the default {@code shared_demo} on its first
     * call (call it once per system); users and keys given here survive {@link FakeLake#reset()}.
     */
    public static final class Builder {
        private String host = DEFAULT_HOST;
        private int port;
        private boolean https;
        private String orgId = DEFAULT_ORG_ID;
        private String orgName = DEFAULT_ORG_NAME;
        private final List<String> systems = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Duration allowedSkew = LakeTokenVerifier.DEFAULT_ALLOWED_SKEW;
        private Duration maxLifetime = LakeTokenVerifier.DEFAULT_MAX_LIFETIME;
        private String issuer;
        private int journalCapacity = 1000;
        private int spooledReadyAfterPolls;
        private int threads = 16;
        private boolean freshKeyPairs;
        private QueryHandler handler;
        private final LakeDirectory directory = new LakeDirectory();

        private Builder() {
        }

        /** The address to bind; default 127.0.0.1 (keep it: the fake is for this machine only). */
        public Builder host(String host) {
            this.host = requireText(host, "host");
            return this;
        }

        /** The port; default 0, a free one chosen at start. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not 0..65535");
            }
            this.port = port;
            return this;
        }

        /** Serve HTTPS only, with a freshly generated self-signed certificate; see {@link FakeLake#sslContext()}. */
        public Builder https() {
            this.https = true;
            return this;
        }

        public Builder https(boolean https) {
            this.https = https;
            return this;
        }

        public Builder orgId(String orgId) {
            this.orgId = orgId;
            return this;
        }

        public Builder orgName(String orgName) {
            this.orgName = orgName;
            return this;
        }

        /** Adds a system alias; the first call replaces the default {@code shared_demo}. */
        public Builder system(String system) {
            systems.add(requireText(system, "system"));
            return this;
        }

        /** The clock the fake's {@link FakeLakeClock} follows; default the system clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How far {@code iat} may lie in the future; default 60 s. */
        public Builder allowedSkew(Duration allowedSkew) {
            this.allowedSkew = allowedSkew;
            return this;
        }

        /** The longest token lifetime accepted; default 12 h. */
        public Builder maxLifetime(Duration maxLifetime) {
            this.maxLifetime = maxLifetime;
            return this;
        }

        /** Pins {@code iss}; by default it is free-form. */
        public Builder issuer(String issuer) {
            this.issuer = issuer;
            return this;
        }

        /** A user with a PAT that never expires. */
        public Builder user(String user, String pat) {
            directory.addPat(user, pat);
            return this;
        }

        /** An organization-wide key. */
        public Builder key(String kid, PublicKey key) {
            directory.addKey(kid, key);
            return this;
        }

        /** A user's own key. */
        public Builder key(String user, String kid, PublicKey key) {
            directory.addKey(user, kid, key);
            return this;
        }

        /** The first (lowest-priority) query handler, asked after every stub added later. */
        public Builder queryHandler(QueryHandler handler) {
            this.handler = handler;
            return this;
        }

        /** How many journal entries are kept; default 1,000. */
        public Builder journalCapacity(int journalCapacity) {
            this.journalCapacity = journalCapacity;
            return this;
        }

        /** How many status polls a spooled query takes to become ready; default 0 (ready at once). */
        public Builder spooledReadyAfterPolls(int polls) {
            if (polls < 0) {
                throw new IllegalArgumentException("polls must not be negative");
            }
            this.spooledReadyAfterPolls = polls;
            return this;
        }

        /**
         * Whether every RSA identity gets a newly generated key pair. By default RSA pairs come from a
         * pool shared by the fakes of this JVM (distinct within one fake), because each costs up to a
         * second to generate; turn this on when keys must differ across fakes too.
         */
        public Builder freshKeyPairs(boolean fresh) {
            this.freshKeyPairs = fresh;
            return this;
        }

        /** Server threads; default 16. */
        public Builder threads(int threads) {
            if (threads < 4) {
                throw new IllegalArgumentException("the server needs at least 4 threads");
            }
            this.threads = threads;
            return this;
        }

        /** Starts the fake; it listens when this returns. */
        public FakeLake start() {
            return new FakeLake(this);
        }
    }
}
