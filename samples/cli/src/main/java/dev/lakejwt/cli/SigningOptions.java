package dev.lakejwt.cli;

import dev.lakejwt.core.LakeConfigException;
import dev.lakejwt.core.claims.ClaimsAssembler;
import dev.lakejwt.core.claims.LakeClaims;
import dev.lakejwt.core.claims.LakeCredentials;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.config.Setting;
import dev.lakejwt.core.key.SigningKey;
import dev.lakejwt.core.sign.JcaProviders;
import dev.lakejwt.core.sign.JwtSigner;
import dev.lakejwt.core.sign.JwtSigners;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The flags that say who signs and how ({@code --signer}, the key source of {@link KeySourceOptions},
 * {@code --sub --pat --org --ttl --iss --provider}), shared by {@code token} and {@code query}, and
 * their resolution, flag first, else the {@code LAKE_*} variable, into a ready {@link Signing}.
 *
 * <p>Easy to get wrong: {@code --passphrase-env} and {@code --pin-env} take the <em>name</em> of a
 * variable, and the PAT, passphrase and PIN go into {@link Secrets} before anything can fail with them
 * in a message.
 */
final class SigningOptions {
    /** The environment variable {@code lakejwt} adds to the class path, e.g. for the ACCP jar. */
    static final String CLASSPATH_VARIABLE = "LAKEJWT_CLASSPATH";

    @Option(names = "--signer", paramLabel = "NAME",
            description = "Signer: jdk, jjwt, nimbus or jose4j (default: $LAKE_SIGNER, else jdk).")
    String signer;

    @Mixin
    KeySourceOptions keySource;

    @Option(names = "--sub", paramLabel = "USER", description = "Lake user name, claim sub (default: $LAKE_USER).")
    String sub;

    @Option(names = "--pat", paramLabel = "PAT",
            description = "Personal Access Token, claim pat (default: $LAKE_PAT). Prefer LAKE_PAT: a command line is "
                    + "visible to other users of the machine.")
    String pat;

    @Option(names = "--org", paramLabel = "ORG", description = "Organization id, claim org_id (default: $LAKE_ORG_ID).")
    String org;

    @Option(names = "--ttl", paramLabel = "SECONDS",
            description = "Token lifetime, 1 to 43200 (default: $LAKE_TOKEN_TTL, else 3600).")
    Long ttl;

    @Option(names = "--iss", paramLabel = "ISS", description = "Issuer claim (default: wiki, as in Lake's quickstart).")
    String iss;

    @Option(names = "--provider", paramLabel = "default|accp",
            description = "JCA provider that signs: default, accp (Amazon Corretto Crypto Provider; put its jar on "
                    + "$" + CLASSPATH_VARIABLE + ") or a registered provider name (default: $LAKE_JCA_PROVIDER, else "
                    + "default).")
    String provider;

    /** The configuration for signing only: {@code LAKE_URL} and {@code LAKE_SYSTEM} are not read (nor checked). */
    LakeConfig config(Map<String, String> environment, Secrets secrets) {
        Map<String, String> signingOnly = new java.util.HashMap<>(environment);
        signingOnly.remove(Setting.URL.variable());
        signingOnly.remove(Setting.SYSTEM.variable());
        return config(signingOnly, secrets, null, null);
    }

    /** The configuration these flags and {@code environment} give, with {@code url} and {@code system} if set. */
    LakeConfig config(Map<String, String> environment, Secrets secrets, String url, String system) {
        secrets.add(pat);
        secrets.add(environment.get(Setting.PAT.variable()));
        LakeConfig.Builder builder = LakeConfig.builder()
                .system(system)
                .orgId(org)
                .user(sub)
                .pat(pat)
                .signer(signer)
                .jcaProvider(provider);
        keySource.applyTo(builder, environment, secrets);
        if (url != null) {
            builder.url(url);
        }
        if (ttl != null) {
            if (ttl < 1 || ttl > ClaimsAssembler.MAX_LIFETIME.toSeconds()) {
                throw CliException.input("--ttl " + ttl + " is out of range: give 1 to "
                        + ClaimsAssembler.MAX_LIFETIME.toSeconds() + " seconds (default 3600)");
            }
            builder.tokenTtl(Duration.ofSeconds(ttl));
        }
        return builder.fromEnvironment(keySource.environmentFor(environment)).build();
    }

    /**
     * Checks and loads everything needed to sign, in the order a user fixes things: credentials, signer
     * name, JCA provider, key.
     */
    Signing resolve(LakeConfig config, Clock clock) {
        LakeCredentials credentials = config.credentials();
        JwtSigner jwtSigner = signerNamed(config.signer());
        requireProvider(config.jcaProvider());
        SigningKey signingKey = config.loadSigningKey();
        ClaimsAssembler assembler = ClaimsAssembler.builder()
                .clock(clock)
                .lifetime(config.tokenTtl())
                .issuer(iss == null || iss.isBlank() ? LakeClaims.DEFAULT_ISSUER : iss.trim())
                .build();
        return new Signing(jwtSigner, signingKey, credentials, assembler);
    }

    /** The signer named {@code name}, or an input error listing the signers on the class path. */
    static JwtSigner signerNamed(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        if (!JwtSigners.available().contains(wanted)) {
            throw CliException.input("unknown signer '" + name + "' (" + Setting.SIGNER.flag() + " / "
                    + Setting.SIGNER.variable() + "): the signers here are " + String.join(", ", JwtSigners.available()));
        }
        return JwtSigners.named(wanted);
    }

    private static void requireProvider(String name) {
        try {
            JcaProviders.named(name);
        } catch (LakeConfigException e) {
            if (JcaProviders.ACCP.equalsIgnoreCase(name.trim())) {
                throw CliException.input(e.getMessage() + ". For ./lakejwt, put that jar on " + CLASSPATH_VARIABLE
                        + " (see docs/cli.md)");
            }
            throw e;
        }
    }

    /**
     * Everything needed to sign a Lake token: the signer (which signs with the key's provider), the key, the
     * credentials and the claims policy.
     *
     * @param signer      the signer
     * @param key         the signing key
     * @param credentials user, PAT and organization id
     * @param assembler   clock, lifetime and issuer
     */
    record Signing(JwtSigner signer, SigningKey key, LakeCredentials credentials, ClaimsAssembler assembler) {
        /** A freshly signed token. */
        String signToken() {
            return signer.sign(assembler.assemble(credentials), key);
        }
    }
}
