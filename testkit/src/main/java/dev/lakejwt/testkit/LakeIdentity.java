package dev.lakejwt.testkit;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.client.LakeClient;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.jdk.JdkJwtSigner;
import dev.lakejwt.core.key.PemEncoder;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.token.CachingTokenSource;
import dev.lakejwt.core.token.TokenSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A Lake user ready to call the fake: a key pair registered under a kid, a random PAT,
 * both registered with the {@link FakeLake}, plus everything a client needs: credentials, the
 * {@link SigningKey}, PEM files on request, a {@link LakeConfig}, a token source and a client. A
 * downstream test is three lines:
 * <pre>{@code
 * LakeIdentity me = lake.newIdentity("demo_user");
 * QueryResult r = me.client().query(lake.defaultSystem(), "SEL * FROM dbc.dbcinfo");
 * assertThat(r.first().rows()).hasSize(3);
 * }</pre>
 *
 * <p>Easy to get wrong: tokens made here are signed with the fake's clock, so they stay valid when a
 * test moves {@link FakeLake#clock()}; a client configured through {@link #config()} signs with the
 * system clock unless you pass the fake's clock to {@code newTokenSource(clock)}. Over HTTPS,
 * {@link #client()} trusts the fake's certificate; {@code config().newClient()} does not.
 */
public final class LakeIdentity {
    private final FakeLake lake;
    private final String user;
    private final String pat;
    private final SigningKey signingKey;
    private final PublicKey publicKey;
    private volatile PemFiles pemFiles;

    LakeIdentity(FakeLake lake, String user, String pat, SigningKey signingKey, PublicKey publicKey) {
        this.lake = lake;
        this.user = user;
        this.pat = pat;
        this.signingKey = signingKey;
        this.publicKey = publicKey;
    }

    /** The Lake user name, the {@code sub} claim. */
    public String user() {
        return user;
    }

    /** The PAT, the {@code pat} claim (secret: never log it). */
    public String pat() {
        return pat;
    }

    /** The key's name, the {@code kid} header. */
    public String keyId() {
        return signingKey.keyId();
    }

    public Algorithm algorithm() {
        return signingKey.algorithm();
    }

    /** The private key with its kid and algorithm, for any {@link JwtSigner}. */
    public SigningKey signingKey() {
        return signingKey;
    }

    public PrivateKey privateKey() {
        return signingKey.privateKey();
    }

    /** The public key registered with the fake. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** User, PAT and the fake's organization id. */
    public LakeCredentials credentials() {
        return new LakeCredentials(user, pat, lake.orgId());
    }

    /** An assembler issuing claims by the fake's clock with the default 1 h lifetime. */
    public ClaimsAssembler assembler() {
        return ClaimsAssembler.builder().clock(lake.clock()).build();
    }

    /** Valid claims issued now (by the fake's clock) for one hour. */
    public LakeClaims claims() {
        return assembler().assemble(credentials());
    }

    /** A builder holding {@link #claims()}, to change one claim and sign a token that breaks one rule. */
    public LakeClaims.Builder claimsBuilder() {
        return claims().toBuilder();
    }

    /** A fresh valid token signed by the {@code jdk} reference signer. */
    public String token() {
        return sign(claims());
    }

    /** {@code Bearer <fresh token>}, the Authorization header value. */
    public String authorization() {
        return "Bearer " + token();
    }

    /** Signs these claims with this identity's key and the {@code jdk} reference signer. */
    public String sign(LakeClaims claims) {
        return sign(claims, new JdkJwtSigner());
    }

    /** Signs these claims with this identity's key and the given signer. */
    public String sign(LakeClaims claims, JwtSigner signer) {
        return signer.sign(claims, signingKey);
    }

    /** A caching token source signing with the {@code jdk} signer on the fake's clock. */
    public TokenSource tokenSource() {
        return tokenSource(new JdkJwtSigner());
    }

    /** A caching token source signing with {@code signer} on the fake's clock. */
    public TokenSource tokenSource(JwtSigner signer) {
        return CachingTokenSource.builder().signer(signer).key(signingKey).credentials(credentials())
                .assembler(assembler()).build();
    }

    /** A client of the fake (trusting its certificate over HTTPS) with {@link #tokenSource()}. */
    public LakeClient client() {
        return client(new JdkJwtSigner());
    }

    /** A client of the fake with a token source signing by {@code signer}. */
    public LakeClient client(JwtSigner signer) {
        return LakeClient.builder(lake.baseUrl(), tokenSource(signer)).httpClient(lake.httpClient())
                .requestTimeout(Duration.ofSeconds(30)).build();
    }

    /** The key pair as PEM files in the fake's own temporary directory (written once, deleted on close). */
    public PemFiles pemFiles() {
        PemFiles files = pemFiles;
        if (files == null) {
            synchronized (this) {
                files = pemFiles;
                if (files == null) {
                    files = writePemFiles(lake.newWorkDirectory("identity-" + user));
                    pemFiles = files;
                }
            }
        }
        return files;
    }

    /** Writes {@code <kid>.pem} (PKCS#8, owner-only) and {@code <kid>.pub.pem} (SPKI) into {@code dir}. */
    public PemFiles writePemFiles(Path dir) {
        Objects.requireNonNull(dir, "dir");
        try {
            Files.createDirectories(dir);
            Path privateFile = dir.resolve(keyId() + ".pem");
            Path publicFile = dir.resolve(keyId() + ".pub.pem");
            Files.deleteIfExists(privateFile);
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(privateFile, PemEncoder.privateKeyPem(signingKey.privateKey()));
            Files.writeString(publicFile, PemEncoder.publicKeyPem(publicKey));
            return new PemFiles(privateFile, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the PEM files of '" + user + "' to " + dir, e);
        }
    }

    /** A configuration pointing at the fake: URL, default system, org, user, PAT, key file ({@link #pemFiles()}) and kid. */
    public LakeConfig config() {
        return config(pemFiles());
    }

    /** Like {@link #config()} with the PEM files written into {@code dir}. */
    public LakeConfig config(Path dir) {
        return config(writePemFiles(dir));
    }

    private LakeConfig config(PemFiles files) {
        return LakeConfig.builder()
                .url(lake.baseUrl())
                .system(lake.defaultSystem())
                .orgId(lake.orgId())
                .user(user)
                .pat(pat)
                .keyFile(files.privateKey())
                .keyId(keyId())
                .build();
    }

    /** The PEM files if they were written already. */
    public Optional<PemFiles> writtenPemFiles() {
        return Optional.ofNullable(pemFiles);
    }

    @Override
    public String toString() {
        return "LakeIdentity[user=" + user + ", kid=" + keyId() + ", alg=" + algorithm() + ", pat=<redacted>]";
    }
}
