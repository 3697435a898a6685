package dev.lakejwt.cli;

/**
 * A failure the command line reports itself, as one line on stderr with its own exit code: {@link
 * ExitCode#INPUT} for bad input (a missing file, an unset variable), {@link ExitCode#FAILURE} when the
 * work itself failed (a rejected token).
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** Bad input: the user has to change a flag, a variable or a file. */
    static CliException input(String message) {
        return new CliException(ExitCode.INPUT, message, null);
    }

    /** Bad input that a lower layer detected; {@code cause} is shown by {@code --verbose}. */
    static CliException input(String message, Throwable cause) {
        return new CliException(ExitCode.INPUT, message, cause);
    }

    /** The work failed although the input was usable. */
    static CliException failure(String message) {
        return new CliException(ExitCode.FAILURE, message, null);
    }

    /** The work failed; {@code cause} is shown by {@code --verbose}. */
    static CliException failure(String message, Throwable cause) {
        return new CliException(ExitCode.FAILURE, message, cause);
    }

    int exitCode() {
        return exitCode;
    }
}
