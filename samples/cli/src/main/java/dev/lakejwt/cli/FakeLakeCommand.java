package dev.lakejwt.cli;

import dev.lakejwt.core.config.Setting;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.standalone.FakeLakeMain;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lakejwt fake-lake}: the testkit's standalone fake Lake ({@link FakeLakeMain}) with its flags,
 * running until Ctrl-C, so a client in any language can be tested against a Lake that really verifies
 * tokens. Flags left out are taken from the {@code LAKE_*} variables, so the fake accepts exactly the
 * identity the other commands sign for.
 */
@Command(name = "fake-lake", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Run a fake Lake on 127.0.0.1 that verifies every token as Lake does (401 with the reason when not) and "
                + "serves Query Service (SEL * FROM dbc.dbcinfo out of the box), until Ctrl-C.",
            "With --public-key it accepts tokens of that key; without, it generates a key pair and a PAT and writes "
                + "them with a lake.env of LAKE_* settings to --out (default: a temporary directory).",
            "Prints 'listening on URL' when ready; the token inspector is at URL/__lake/."})
final class FakeLakeCommand implements Callable<Integer> {
    @ParentCommand
    private LakeJwtCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0",
            description = "Port on 127.0.0.1 (default: 0, a free one, printed).")
    private int port;

    @Option(names = "--org", paramLabel = "ID",
            description = "Organization id tokens must carry as org_id (default: $LAKE_ORG_ID, else "
                    + FakeLake.DEFAULT_ORG_ID + ").")
    private String org;

    @Option(names = "--org-name", paramLabel = "NAME", description = "Organization name (default: "
            + FakeLake.DEFAULT_ORG_NAME + ").")
    private String orgName;

    @Option(names = "--system", paramLabel = "NAME",
            description = "System alias served; repeatable (default: $LAKE_SYSTEM, else " + FakeLake.DEFAULT_SYSTEM
                    + ").")
    private List<String> systems = new ArrayList<>();

    @Option(names = "--user", paramLabel = "USER",
            description = "A Lake user; repeatable, paired with --pat by position (default: $LAKE_USER with $LAKE_PAT).")
    private List<String> users = new ArrayList<>();

    @Option(names = "--pat", paramLabel = "PAT", description = "That user's PAT.")
    private List<String> pats = new ArrayList<>();

    @Option(names = "--public-key", paramLabel = "FILE",
            description = "Public key PEM (SPKI or certificate) tokens are signed for; repeatable.")
    private List<Path> publicKeys = new ArrayList<>();

    @Option(names = "--kid", paramLabel = "KID",
            description = "The key's name in the console, paired with --public-key by position (default: "
                    + "$LAKE_KEY_ID for a single key, else the file name without extension).")
    private List<String> kids = new ArrayList<>();

    @Option(names = "--https", description = "Serve HTTPS with a generated self-signed certificate.")
    private boolean https;

    @Option(names = "--out", paramLabel = "DIR",
            description = "Where a generated key pair and lake.env go (only without --public-key).")
    private Path out;

    @Override
    public Integer call() {
        pats.forEach(cli.secrets()::add);
        cli.secrets().add(cli.environment().get(Setting.PAT.variable()));
        PrintWriter stdout = spec.commandLine().getOut();
        FakeLakeMain.Running running;
        try {
            running = FakeLakeMain.start(arguments(cli.environment()).toArray(String[]::new), printStreamOver(stdout));
        } catch (IllegalArgumentException e) {
            throw CliException.input(e.getMessage(), e);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopOnExit = new Thread(() -> {
            running.close();
            stdout.println("fake Lake stopped");
            stdout.flush();
            stopped.countDown();
        }, "lakejwt-fake-lake-stop");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        boolean interrupted = false;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (stopped.getCount() > 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnExit);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already and stops the fake itself.
            }
            running.close();
            stdout.println("fake Lake stopped");
            stdout.flush();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ExitCode.OK;
    }

    /** The standalone server's arguments: these flags, with the {@code LAKE_*} variables where flags are absent. */
    List<String> arguments(Map<String, String> environment) {
        List<String> args = new ArrayList<>(List.of("--port", String.valueOf(port)));
        add(args, "--org", org != null ? org : environment.get(Setting.ORG_ID.variable()));
        add(args, "--org-name", orgName);
        List<String> systemNames = systems.isEmpty() ? listOf(environment.get(Setting.SYSTEM.variable())) : systems;
        systemNames.forEach(s -> add(args, "--system", s));
        List<String> userNames = users;
        List<String> userPats = pats;
        String envUser = environment.get(Setting.USER.variable());
        String envPat = environment.get(Setting.PAT.variable());
        if (users.isEmpty() && pats.isEmpty() && present(envUser) && present(envPat)) {
            userNames = List.of(envUser.trim());
            userPats = List.of(envPat.trim());
        }
        for (int i = 0; i < Math.max(userNames.size(), userPats.size()); i++) {
            add(args, "--user", i < userNames.size() ? userNames.get(i) : null);
            add(args, "--pat", i < userPats.size() ? userPats.get(i) : null);
        }
        List<String> keyIds = kids;
        String envKid = environment.get(Setting.KEY_ID.variable());
        if (kids.isEmpty() && publicKeys.size() == 1 && present(envKid)) {
            keyIds = List.of(envKid.trim());
        }
        for (int i = 0; i < publicKeys.size(); i++) {
            add(args, "--public-key", publicKeys.get(i).toString());
            add(args, "--kid", i < keyIds.size() ? keyIds.get(i) : null);
        }
        for (int i = publicKeys.size(); i < keyIds.size(); i++) {
            add(args, "--kid", keyIds.get(i));
        }
        if (https) {
            args.add("--https");
        }
        add(args, "--out", out == null ? null : out.toString());
        return args;
    }

    private static void add(List<String> args, String flag, String value) {
        if (present(value)) {
            args.add(flag);
            args.add(value.trim());
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static List<String> listOf(String value) {
        return present(value) ? List.of(value.trim()) : List.of();
    }

    /** A stream onto picocli's writer (the standalone server prints to a stream), flushed line by line. */
    private static PrintStream printStreamOver(PrintWriter writer) {
        OutputStream lines = new OutputStream() {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                line.write(b);
                if (b == '\n') {
                    flush();
                }
            }

            @Override
            public synchronized void flush() {
                writer.write(line.toString(StandardCharsets.UTF_8));
                writer.flush();
                line.reset();
            }
        };
        return new PrintStream(lines, true, StandardCharsets.UTF_8);
    }
}
