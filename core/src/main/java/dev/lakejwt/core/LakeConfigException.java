package dev.lakejwt.core;

/**
 * Thrown when a required setting is missing or a setting has a value that cannot be used, for
 * example {@code LAKE_TOKEN_TTL=abc}. The message names the environment variable and the CLI flag.
 *
 * <p>Easy to get wrong: this is raised when a value is first needed, not when the configuration
 * object is built, so a command that never calls the API does not demand {@code LAKE_URL}.
 */
public class LakeConfigException extends LakeJwtException {
    private static final long serialVersionUID = 1L;

    public LakeConfigException(String message) {
        super(message);
    }
}
