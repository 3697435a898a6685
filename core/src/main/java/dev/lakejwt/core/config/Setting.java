package dev.lakejwt.core.config;

/**
 * The settings {@link LakeConfig} reads, each with its environment variable and the {@code lakejwt}
 * command-line flag that overrides it.
 *
 * <p>Easy to get wrong: the flags of {@link #KEY_PASSPHRASE} and {@link #PIN} take the <em>name</em> of
 * an environment variable holding the secret, never the secret itself (command lines are visible to
 * other users). {@link #PIN} serves both key stores and PKCS#11 tokens, as Java's {@code KeyStore}
 * API treats a token's PIN as its store password.
 */
public enum Setting {
    URL("LAKE_URL", "--url", "the Lake base URL, e.g. https://myorg.innovationlabs.teradata.com"),
    SYSTEM("LAKE_SYSTEM", "--system", "the Query Service system name"),
    ORG_ID("LAKE_ORG_ID", "--org", "the organization id (claim org_id)"),
    USER("LAKE_USER", "--sub", "the Lake user name (claim sub)"),
    PAT("LAKE_PAT", "--pat", "the Personal Access Token (claim pat)"),
    KEY_FILE("LAKE_KEY_FILE", "--key", "the private key PEM file"),
    KEY_ID("LAKE_KEY_ID", "--kid", "the key id (the key's name in the Lake console)"),
    KEY_PASSPHRASE("LAKE_KEY_PASSPHRASE", "--passphrase-env",
            "the private key's passphrase (in a key store: the key password, if it differs from the store's)"),
    KEYSTORE("LAKE_KEYSTORE", "--keystore", "the PKCS#12 or JKS key store file"),
    KEY_ALIAS("LAKE_KEY_ALIAS", "--alias", "the key's alias in the key store, or its label in the PKCS#11 token"),
    PIN("LAKE_PIN", "--pin-env", "the key store password or the PKCS#11 token's user PIN"),
    PKCS11_CONFIG("LAKE_PKCS11_CONFIG", "--pkcs11-config", "the SunPKCS11 configuration file of the token"),
    PKCS11_LIBRARY("LAKE_PKCS11_LIBRARY", "--pkcs11-library",
            "the token's PKCS#11 library, e.g. /usr/lib/softhsm/libsofthsm2.so"),
    PKCS11_SLOT("LAKE_PKCS11_SLOT", "--pkcs11-slot", "the token's PKCS#11 slot id"),
    PKCS11_SLOT_INDEX("LAKE_PKCS11_SLOT_INDEX", "--pkcs11-slot-index",
            "the token's position in the PKCS#11 library's slot list, from 0"),
    TOKEN_TTL("LAKE_TOKEN_TTL", "--ttl", "the token lifetime in seconds"),
    SIGNER("LAKE_SIGNER", "--signer", "the signer name"),
    JCA_PROVIDER("LAKE_JCA_PROVIDER", "--provider", "the JCA provider that signs: default or accp");

    private final String variable;
    private final String flag;
    private final String description;

    Setting(String variable, String flag, String description) {
        this.variable = variable;
        this.flag = flag;
        this.description = description;
    }

    /** The environment variable, e.g. {@code LAKE_URL}. */
    public String variable() {
        return variable;
    }

    /** The CLI flag, e.g. {@code --url}. */
    public String flag() {
        return flag;
    }

    public String description() {
        return description;
    }
}
