package dev.lakejwt.cli;

import dev.lakejwt.core.ClaimsException;
import dev.lakejwt.core.KeyLoadingException;
import dev.lakejwt.core.LakeApiException;
import dev.lakejwt.core.LakeConfigException;
import dev.lakejwt.core.LakeJwtException;
import dev.lakejwt.core.SigningException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr ({@code lakejwt query: …}) and an exit code: bad usage
 * and bad input give {@link ExitCode#INPUT}, a refused or failed call gives {@link ExitCode#FAILURE}.
 * With {@code --verbose} the cause chain follows, one {@code caused by:} line per cause, as scrubbed as
 * the first line; never a stack trace.
 *
 * <p>Easy to get wrong: picocli's own messages quote the arguments they could not place, which may be
 * a PAT typed after a misspelt flag; unmatched arguments are therefore described, never quoted.
 */
final class ErrorReporter implements IExecutionExceptionHandler, IParameterExceptionHandler {
    private final Secrets secrets;

    ErrorReporter(Secrets secrets) {
        this.secrets = secrets;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        err.println(qualifiedName(commandLine) + ": " + message(ex));
        if (isVerbose(parseResult)) {
            for (Throwable cause = ex.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
                err.println("  caused by: " + describe(cause));
            }
        }
        err.flush();
        return exitCode(ex);
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        String name = qualifiedName(commandLine);
        String problem = ex instanceof UnmatchedArgumentException unmatched
                ? describeUnmatched(unmatched, commandLine)
                : oneLine(ex.getMessage());
        PrintWriter err = commandLine.getErr();
        err.println(name + ": " + problem + " (see '" + name + " --help')");
        err.flush();
        return ExitCode.INPUT;
    }

    static int exitCode(Throwable ex) {
        if (ex instanceof CliException cli) {
            return cli.exitCode();
        }
        if (ex instanceof LakeApiException) {
            return ExitCode.FAILURE;
        }
        if (ex instanceof LakeConfigException || ex instanceof KeyLoadingException || ex instanceof ClaimsException
                || ex instanceof SigningException) {
            return ExitCode.INPUT;
        }
        return ExitCode.FAILURE;
    }

    private String message(Throwable ex) {
        boolean ours = ex instanceof CliException || ex instanceof LakeJwtException;
        String text = ours && ex.getMessage() != null
                ? ex.getMessage()
                : "unexpected " + describe(ex) + " (run again with --verbose for the cause chain)";
        return oneLine(secrets.scrub(text));
    }

    /** The exception's class and message; a cause copied by core's scrubbing names the original class. */
    private String describe(Throwable t) {
        return oneLine(secrets.scrub(t.toString()));
    }

    private String describeUnmatched(UnmatchedArgumentException ex, CommandLine commandLine) {
        List<String> unmatched = ex.getUnmatched();
        List<String> options = new ArrayList<>();
        int values = 0;
        for (String arg : unmatched) {
            if (arg.startsWith("-") && arg.length() > 1) {
                int eq = arg.indexOf('=');
                options.add(eq > 0 ? arg.substring(0, eq) : arg);
            } else {
                values++;
            }
        }
        boolean topLevel = commandLine.getParent() == null;
        if (topLevel && options.isEmpty() && !unmatched.isEmpty() && !ex.isUnknownOption()
                && commandLine.getSubcommands().size() > 0) {
            String first = unmatched.get(0);
            return "unknown command '" + secrets.scrub(first) + "'; the commands are "
                    + String.join(", ", commandLine.getSubcommands().keySet());
        }
        StringBuilder message = new StringBuilder();
        if (!options.isEmpty()) {
            message.append(options.size() == 1 ? "unknown option " : "unknown options ")
                    .append(String.join(", ", options.stream().map(o -> "'" + secrets.scrub(o) + "'").toList()));
            List<String> suggestions = similarOptions(options.get(0), commandLine);
            if (!suggestions.isEmpty()) {
                message.append(" (did you mean ").append(String.join(" or ", suggestions)).append("?)");
            }
            if (values > 0) {
                message.append(" and ").append(values).append(values == 1 ? " argument" : " arguments")
                        .append(" with no place (not shown: it may be a secret)");
            }
        } else if (values > 0) {
            message.append(values == 1 ? "one argument" : values + " arguments")
                    .append(" too many (not shown: it may be a secret)");
            if ("query".equals(commandLine.getCommandName())) {
                message.append("; give the SQL in quotes as one argument");
            }
        }
        return message.toString();
    }

    /** The command's options nearest to {@code typed}, if within two edits (a swap counts as one). */
    static List<String> similarOptions(String typed, CommandLine commandLine) {
        List<String> names = commandLine.getCommandSpec().options().stream()
                .flatMap(option -> Arrays.stream(option.names()))
                .filter(name -> name.startsWith("--"))
                .toList();
        int nearest = names.stream().mapToInt(name -> editDistance(typed, name)).min().orElse(Integer.MAX_VALUE);
        return nearest > 2 ? List.of()
                : names.stream().filter(name -> editDistance(typed, name) == nearest).limit(3).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static boolean isVerbose(ParseResult parseResult) {
        for (ParseResult r = parseResult; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static String qualifiedName(CommandLine commandLine) {
        return commandLine.getCommandSpec().qualifiedName(" ");
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
