package dev.lakejwt.core.config;

/**
 * The settings {@link LakeConfig} reads, each with its environment variable and the {@code lakejwt}
 * command-line flag that overrides it.
 *
 * <p>Easy to get wrong: {@link #KEY_PASSPHRASE}'s flag takes the <em>name</em> of an environment
 * variable holding the passphrase, never the passphrase itself (command lines are visible to other users).
 */
public enum Setting {
    URL("LAKE_URL", "--url", "the Lake base URL, e.g. https://myorg.innovationlabs.teradata.com"),
    SYSTEM("LAKE_SYSTEM", "--system", "the Query Service system name"),
    ORG_ID("LAKE_ORG_ID", "--org", "the organization id (claim org_id)"),
    USER("LAKE_USER", "--sub", "the Lake user name (claim sub)"),
    PAT("LAKE_PAT", "--pat", "the Personal Access Token (claim pat)"),
    KEY_FILE("LAKE_KEY_FILE", "--key", "the private key PEM file"),
    KEY_ID("LAKE_KEY_ID", "--kid", "the key id (the key's name in the Lake console)"),
    KEY_PASSPHRASE("LAKE_KEY_PASSPHRASE", "--passphrase-env", "the private key's passphrase"),
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
