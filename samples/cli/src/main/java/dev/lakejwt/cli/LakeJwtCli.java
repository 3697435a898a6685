package dev.lakejwt.cli;

import java.io.InputStream;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code lakejwt} command line: {@code demo}, {@code token}, {@code query}, {@code verify},
 * {@code fake-lake} and {@code keygen}. Each reads the {@code LAKE_*} environment variables for what
 * its flags leave out, writes its result to stdout and any error as one line to stderr, and exits with
 * 0 (success), 1 (API or verification failure) or 2 (usage or input error).
 *
 * <p>Easy to get wrong: build it with {@link #commandLine(Map)}, not {@code new CommandLine(...)},
 * or the error handling (one scrubbed line, exit codes) and the environment are missing.
 */
@Command(name = "lakejwt", mixinStandardHelpOptions = true, versionProvider = LakeJwtCli.Version.class,
        usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Self-signed JWTs for Teradata VantageCloud Lake: sign a token, run SQL on Query Service, verify a token, "
                + "run a fake Lake, create a key pair.",
            "Start with 'lakejwt demo': the whole flow on an embedded fake Lake, no credentials needed."},
        subcommands = {DemoCommand.class, TokenCommand.class, QueryCommand.class, VerifyCommand.class,
            FakeLakeCommand.class, KeygenCommand.class},
        footerHeading = "%nEnvironment (read where a flag is absent):%n",
        footer = {
            "  LAKE_URL LAKE_SYSTEM LAKE_ORG_ID LAKE_USER LAKE_PAT LAKE_TOKEN_TTL",
            "  LAKE_SIGNER LAKE_JCA_PROVIDER",
            "  the key: LAKE_KEY_FILE with LAKE_KEY_PASSPHRASE, or LAKE_KEYSTORE, or",
            "  LAKE_PKCS11_CONFIG, or LAKE_PKCS11_LIBRARY with LAKE_PKCS11_SLOT or",
            "  LAKE_PKCS11_SLOT_INDEX; then LAKE_KEY_ALIAS, LAKE_PIN, LAKE_KEY_ID",
            "%nExample sessions: docs/cli.md"})
public final class LakeJwtCli implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "On error, also print the cause chain (secrets are still masked).")
    private boolean verbose;

    private final Map<String, String> environment;
    private final InputStream stdin;
    private final Secrets secrets = new Secrets();

    private LakeJwtCli(Map<String, String> environment, InputStream stdin) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
        this.stdin = Objects.requireNonNull(stdin, "stdin");
    }

    /** Runs the command line with this process's environment and exits with the command's exit code. */
    public static void main(String[] args) {
        System.exit(commandLine(System.getenv()).execute(args));
    }

    /** The command line for {@code environment}, reading standard input from {@link System#in}. */
    public static CommandLine commandLine(Map<String, String> environment) {
        return commandLine(environment, System.in);
    }

    /**
     * The command line for {@code environment} (the {@code LAKE_*} variables and any variable that
     * {@code --passphrase-env} names), with its error handling and exit codes in place. Set its out and
     * err writers to capture output.
     */
    public static CommandLine commandLine(Map<String, String> environment, InputStream stdin) {
        LakeJwtCli cli = new LakeJwtCli(environment, stdin);
        CommandLine commandLine = new CommandLine(cli);
        ErrorReporter reporter = new ErrorReporter(cli.secrets);
        commandLine.setExecutionExceptionHandler(reporter);
        commandLine.setParameterExceptionHandler(reporter);
        applyToAll(commandLine);
        return commandLine;
    }

    private static void applyToAll(CommandLine commandLine) {
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(ExitCode.descriptions());
        commandLine.getSubcommands().values().forEach(LakeJwtCli::applyToAll);
    }

    /** Without a sub-command: the usage on stderr, exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("lakejwt: give a command, e.g. 'lakejwt demo'");
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.INPUT;
    }

    Map<String, String> environment() {
        return environment;
    }

    InputStream stdin() {
        return stdin;
    }

    Secrets secrets() {
        return secrets;
    }

    /**
     * The version from the jar's manifest, {@code development} when run from classes.
     *
     * <p>Easy to get wrong: only the packaged jar (what {@code ./lakejwt} runs) carries a version.
     */
    public static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LakeJwtCli.class.getPackage().getImplementationVersion();
            return new String[] {"lakejwt " + (version == null ? "development" : version) + " (Java "
                    + Runtime.version() + ")"};
        }
    }
}
