package dev.lakejwt.cli;

import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.config.Setting;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the signing key is and how to unlock it, shared by {@code token} and {@code query}: a PEM
 * file ({@code --key}, {@code --passphrase-env}), a PKCS#12/JKS key store ({@code --keystore},
 * {@code --alias}, {@code --pin-env}) or a PKCS#11 token ({@link Pkcs11Options}, {@code --alias},
 * {@code --pin-env}), and the key's name ({@code --kid}). Each flag overrides its {@code LAKE_*}
 * variable; core's {@link LakeConfig} loads the key.
 *
 * <p>Easy to get wrong: a flag that selects a key source ({@code --key}, {@code --keystore},
 * {@code --pkcs11-config}, {@code --pkcs11-library}) also drops the variables of the <em>other</em>
 * sources, so {@code --keystore lake.p12} works with {@code LAKE_KEY_FILE} exported; two sources given
 * as flags, or two as variables, are still an error. The passphrase and PIN flags take a variable's
 * name, never the secret.
 */
final class KeySourceOptions {
    @Option(names = "--key", paramLabel = "FILE",
            description = "Private key PEM, as the Lake console downloads it (default: $LAKE_KEY_FILE, else primary.pem).")
    Path key;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "PKCS#12 or JKS key store holding the key, instead of a PEM file; its password comes from "
                    + "--pin-env (default: $LAKE_KEYSTORE).")
    Path keystore;

    @Mixin
    Pkcs11Options pkcs11;

    @Option(names = "--alias", paramLabel = "NAME",
            description = "The key's alias in the key store, or its label in the PKCS#11 token; also the default kid "
                    + "(default: $LAKE_KEY_ALIAS).")
    String alias;

    @Option(names = "--kid", paramLabel = "KID",
            description = "Key id: the key's name in the Lake console (default: $LAKE_KEY_ID, else the alias, else "
                    + "the key file name without .pem).")
    String kid;

    @Option(names = "--passphrase-env", paramLabel = "VAR",
            description = "Name of the environment variable holding the key's passphrase, for an encrypted key, or a "
                    + "key store entry's own password (default: the passphrase in $LAKE_KEY_PASSPHRASE). Never the "
                    + "passphrase itself.")
    String passphraseEnv;

    @Option(names = "--pin-env", paramLabel = "VAR",
            description = "Name of the environment variable holding the key store password or the PKCS#11 token's "
                    + "user PIN (default: the value of $LAKE_PIN). Never the PIN itself.")
    String pinEnv;

    /** The variables of each key source, the ones a flag of another source makes irrelevant. */
    private static final Map<LakeConfig.KeySource, List<Setting>> SOURCE_VARIABLES = Map.of(
            LakeConfig.KeySource.PEM_FILE, List.of(Setting.KEY_FILE),
            LakeConfig.KeySource.KEY_STORE, List.of(Setting.KEYSTORE),
            LakeConfig.KeySource.PKCS11, List.of(Setting.PKCS11_CONFIG, Setting.PKCS11_LIBRARY, Setting.PKCS11_SLOT,
                    Setting.PKCS11_SLOT_INDEX));

    /**
     * {@code environment} without the key-source variables that the given flags replace: those of the
     * sources no flag selects, when a flag selects one, and the token variables a token flag replaces.
     */
    Map<String, String> environmentFor(Map<String, String> environment) {
        Map<String, String> env = new HashMap<>(environment);
        Map<LakeConfig.KeySource, Boolean> selected = Map.of(
                LakeConfig.KeySource.PEM_FILE, key != null,
                LakeConfig.KeySource.KEY_STORE, keystore != null,
                LakeConfig.KeySource.PKCS11, pkcs11.selectsToken());
        if (selected.containsValue(true)) {
            selected.forEach((source, bySomeFlag) -> {
                if (!bySomeFlag) {
                    SOURCE_VARIABLES.get(source).forEach(setting -> env.remove(setting.variable()));
                }
            });
        }
        pkcs11.dropReplacedVariables(env);
        return env;
    }

    /**
     * Puts the given flags into {@code builder}, reading the secrets the {@code -env} flags name from
     * {@code environment}; every secret seen goes into {@code secrets} first.
     */
    void applyTo(LakeConfig.Builder builder, Map<String, String> environment, Secrets secrets) {
        secrets.add(environment.get(Setting.KEY_PASSPHRASE.variable()));
        secrets.add(environment.get(Setting.PIN.variable()));
        builder.keyFile(key).keystore(keystore).keyAlias(alias).keyId(kid);
        pkcs11.applyTo(builder);
        if (passphraseEnv != null) {
            char[] passphrase = SecretVariable.read(Setting.KEY_PASSPHRASE.flag(), passphraseEnv, "passphrase",
                    "KEY_PASSPHRASE", environment, secrets);
            builder.keyPassphrase(passphrase);
            Arrays.fill(passphrase, '\0');
        }
        if (pinEnv != null) {
            char[] pin = SecretVariable.read(Setting.PIN.flag(), pinEnv, "PIN", "TOKEN_PIN", environment, secrets);
            builder.pin(pin);
            Arrays.fill(pin, '\0');
        }
    }
}
