package dev.lakejwt.cli;

import java.util.Map;

/**
 * Reads a secret from the environment variable a flag names ({@code --passphrase-env VAR},
 * {@code --pin-env VAR}): secrets never go on the command line, where {@code ps} and the shell
 * history show them.
 *
 * <p>Easy to get wrong: the value is added to {@link Secrets} before anything can fail, and a flag
 * given the secret itself instead of a variable name is refused without quoting it.
 */
final class SecretVariable {
    private SecretVariable() {
    }

    /**
     * The value of the variable {@code variable} names, as a fresh array.
     *
     * @param flag     the flag that named the variable, e.g. {@code --pin-env}
     * @param variable the flag's value, the name of a variable
     * @param what     what the secret is, e.g. {@code PIN}, for the messages
     * @param example  a variable name to suggest, e.g. {@code TOKEN_PIN}
     */
    static char[] read(String flag, String variable, String what, String example, Map<String, String> environment,
                       Secrets secrets) {
        String name = variable.trim();
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw CliException.input(flag + " takes the name of an environment variable (e.g. " + example
                    + "), not the " + what + " itself");
        }
        String value = environment.get(name);
        secrets.add(value);
        if (value == null || value.isEmpty()) {
            throw CliException.input(flag + " names " + name + ", but " + name + " is not set: export it first (read -rs "
                    + name + " && export " + name + ")");
        }
        return value.toCharArray();
    }
}
