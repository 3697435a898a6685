package dev.lakejwt.testkit.standalone;

import dev.lakejwt.core.LakeJwtException;
import dev.lakejwt.core.key.KeyLoader;
import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.LakeIdentity;
import dev.lakejwt.testkit.PemFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The fake Lake as a program, for clients in any language (and {@code lakejwt fake-lake}):
 * <pre>
 * java -cp lakejwt-testkit.jar:… dev.lakejwt.testkit.standalone.FakeLakeMain \
 *     --port 8080 --user demo_user --pat my-test-pat --public-key primary.pub.pem
 * </pre>
 * It prints what it serves, then {@code listening on http://127.0.0.1:PORT} once it accepts requests,
 * and runs until stopped (Ctrl-C, or an interrupt of the thread running {@link #run}). Without
 * {@code --public-key} it generates a key pair and PAT and writes them, with a {@code lake.env} of
 * {@code LAKE_*} settings, to {@code --out} (default: a temporary directory removed on exit).
 *
 * <p>Easy to get wrong: {@code --user}, {@code --pat}, {@code --public-key} and {@code --kid} pair up
 * by position; a key belongs to the user when exactly one {@code --user} is given and is
 * organization-wide otherwise. The kid defaults to the key file's name without extension, so
 * {@code primary.pub.pem} gives {@code primary.pub}: pass {@code --kid primary} for the console's name.
 */
public final class FakeLakeMain {
    /** Exit code for bad arguments. */
    public static final int USAGE = 2;
    /** Exit code when the server cannot start. */
    public static final int FAILED = 1;

    private FakeLakeMain() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Starts the fake, prints its settings and the {@code listening on} line to {@code out}, and
     * blocks until the JVM shuts down or this thread is interrupted; then stops it.
     *
     * @return 0 after a normal stop, {@link #USAGE} for bad arguments, {@link #FAILED} if it cannot start
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Running running;
        try {
            running = start(args, out);
        } catch (HelpRequested e) {
            out.print(usage());
            return 0;
        } catch (UsageException e) {
            err.println("error: " + e.getMessage());
            err.println("usage: " + usage().lines().findFirst().orElse(""));
            return USAGE;
        } catch (LakeJwtException e) {
            err.println("error: " + e.getMessage());
            return USAGE;
        } catch (RuntimeException e) {
            err.println("error: the fake Lake could not start: " + e.getMessage());
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            running.close();
            stopped.countDown();
        }, "fake-lake-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            stopped.await();
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (stopped.getCount() > 0) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running already and closes the fake itself.
            }
            running.close();
            out.println("fake Lake stopped");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Parses the arguments, starts the fake and prints its settings and the {@code listening on}
     * line; the caller stops it with {@link Running#close()}.
     *
     * @throws IllegalArgumentException for bad arguments (the message names the flag) and for {@code --help}
     * @throws dev.lakejwt.core.KeyLoadingException for a {@code --public-key} file that is not a public key
     */
    public static Running start(String[] args, PrintStream out) {
        Options options = Options.parse(args);
        FakeLake.Builder builder = FakeLake.builder().port(options.port).https(options.https);
        if (options.org != null) {
            builder.orgId(options.org);
        }
        if (options.orgName != null) {
            builder.orgName(options.orgName);
        }
        options.systems.forEach(builder::system);
        for (int i = 0; i < options.users.size(); i++) {
            builder.user(options.users.get(i), options.pats.get(i));
        }
        String owner = options.users.size() == 1 ? options.users.get(0) : null;
        List<String> keyLines = new ArrayList<>();
        for (int i = 0; i < options.publicKeys.size(); i++) {
            Path file = options.publicKeys.get(i);
            PublicKey key = KeyLoader.loadPublicKey(file);
            String kid = i < options.kids.size() ? options.kids.get(i) : KeyLoader.defaultKeyId(file);
            if (owner != null) {
                builder.key(owner, kid, key);
            } else {
                builder.key(kid, key);
            }
            keyLines.add("key:       " + kid + " (" + key.getAlgorithm() + ", " + file + (owner == null
                    ? ", organization-wide)" : ", of " + owner + ")"));
        }

        FakeLake lake = builder.start();
        Path tempDir = null;
        try {
            out.println("fake Lake for organization " + lake.orgName() + " (org_id " + lake.orgId() + ")");
            out.println("systems:   " + String.join(", ", lake.systems()));
            for (String user : options.users) {
                out.println("user:      " + user + " (PAT as given)");
            }
            keyLines.forEach(out::println);
            if (options.publicKeys.isEmpty()) {
                Path dir = options.out;
                if (dir == null) {
                    tempDir = Files.createTempDirectory("fake-lake-identity-");
                    dir = tempDir;
                }
                LakeIdentity identity = lake.identity(options.users.isEmpty() ? "demo_user" : options.users.get(0))
                        .pat(options.pats.isEmpty() ? randomPat() : options.pats.get(0)).create();
                PemFiles pem = identity.writePemFiles(dir);
                Path env = writeEnvironment(dir, lake, identity, pem);
                out.println("generated: user " + identity.user() + ", key " + identity.keyId() + " (RSA-2048)");
                out.println("           " + pem.privateKey() + " and " + pem.publicKey().getFileName());
                out.println("settings:  source " + env + "   (LAKE_URL, LAKE_ORG_ID, LAKE_USER, LAKE_PAT, "
                        + "LAKE_KEY_FILE, LAKE_KEY_ID, LAKE_SYSTEM)");
            }
            if (lake.isHttps()) {
                Path cert = (options.out != null ? options.out : tempDir != null ? tempDir
                        : (tempDir = Files.createTempDirectory("fake-lake-tls-"))).resolve("fake-lake-ca.pem");
                Files.writeString(cert, lake.certificatePem().orElseThrow());
                out.println("tls:       self-signed; trust " + cert + " (curl --cacert, REQUESTS_CA_BUNDLE)");
            }
            out.println("inspector: " + lake.inspectorUrl());
            out.println("listening on " + lake.baseUrl());
            out.flush();
            return new Running(lake, tempDir);
        } catch (IOException | RuntimeException e) {
            lake.close();
            throw new IllegalStateException("could not write the generated identity: " + e.getMessage(), e);
        }
    }

    private static Path writeEnvironment(Path dir, FakeLake lake, LakeIdentity identity, PemFiles pem) throws IOException {
        Path env = dir.resolve("lake.env");
        Files.deleteIfExists(env);
        if (env.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(env, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(env, "export LAKE_URL=" + lake.baseUrl() + "\n"
                + "export LAKE_ORG_ID=" + lake.orgId() + "\n"
                + "export LAKE_SYSTEM=" + lake.defaultSystem() + "\n"
                + "export LAKE_USER=" + identity.user() + "\n"
                + "export LAKE_PAT=" + identity.pat() + "\n"
                + "export LAKE_KEY_FILE=" + pem.privateKey() + "\n"
                + "export LAKE_KEY_ID=" + identity.keyId() + "\n");
        return env;
    }

    private static String randomPat() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "fakepat_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The flags, one per line after the synopsis. */
    public static String usage() {
        return """
                fake-lake [--port N] [--org ID] [--org-name NAME] [--system NAME]... [--user USER --pat PAT]... \
                [--public-key FILE [--kid KID]]... [--https] [--out DIR]
                  --port N           port on 127.0.0.1 (default 0: a free one, printed)
                  --org ID           organization id tokens must carry as org_id (default %s)
                  --org-name NAME    organization name (default %s)
                  --system NAME      system alias served; repeatable (default %s)
                  --user USER        a Lake user; repeatable, paired with --pat by position
                  --pat PAT          that user's PAT
                  --public-key FILE  PEM public key (SPKI or certificate) tokens are signed for; repeatable
                  --kid KID          the key's name in the console (default: the file name without extension)
                  --https            serve HTTPS with a generated self-signed certificate
                  --out DIR          where a generated key pair and lake.env go (only without --public-key)
                  --help             this text
                Prints 'listening on URL' when ready; runs until stopped (Ctrl-C). The token inspector is at URL/__lake/.
                """.formatted(FakeLake.DEFAULT_ORG_ID, FakeLake.DEFAULT_ORG_NAME, FakeLake.DEFAULT_SYSTEM);
    }

    /**
     * A started standalone fake: the {@link FakeLake} and the temporary directory (if any) holding a
     * generated identity, deleted on {@link #close()}.
     *
     * <p>Easy to get wrong: closing stops the server; files written to {@code --out} are kept.
     */
    public static final class Running implements AutoCloseable {
        private final FakeLake lake;
        private final Path tempDir;

        Running(FakeLake lake, Path tempDir) {
            this.lake = lake;
            this.tempDir = tempDir;
        }

        public FakeLake lake() {
            return lake;
        }

        @Override
        public void close() {
            lake.close();
            if (tempDir != null) {
                try (var files = Files.walk(tempDir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException e) {
                    // A temporary directory left behind is harmless.
                }
            }
        }
    }

    /** Thrown for arguments that cannot be used; the message names the flag. */
    static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** Thrown for {@code --help}, which only {@link #run} answers (with the usage text). */
    static final class HelpRequested extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        HelpRequested() {
            super("--help asks for the usage text: call run, or print usage()");
        }
    }

    /** The parsed command line. */
    static final class Options {
        int port;
        String org;
        String orgName;
        boolean https;
        Path out;
        final List<String> systems = new ArrayList<>();
        final List<String> users = new ArrayList<>();
        final List<String> pats = new ArrayList<>();
        final List<Path> publicKeys = new ArrayList<>();
        final List<String> kids = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String flag = arg.contains("=") && arg.startsWith("--") ? arg.substring(0, arg.indexOf('=')) : arg;
                boolean inline = !flag.equals(arg);
                switch (flag) {
                    case "--help", "-h" -> throw new HelpRequested();
                    case "--https" -> o.https = true;
                    case "--port", "--org", "--org-name", "--system", "--user", "--pat", "--public-key", "--kid", "--out" -> {
                        String value;
                        if (inline) {
                            value = arg.substring(arg.indexOf('=') + 1);
                        } else if (i + 1 < args.length) {
                            value = args[++i];
                        } else {
                            throw new UsageException(flag + " needs a value");
                        }
                        o.set(flag, value);
                    }
                    default -> throw new UsageException("unknown argument '" + arg + "'; see --help");
                }
            }
            if (o.users.size() != o.pats.size()) {
                throw new UsageException("give one --pat per --user (got " + o.users.size() + " --user and "
                        + o.pats.size() + " --pat)");
            }
            if (o.kids.size() > o.publicKeys.size()) {
                throw new UsageException("--kid names a --public-key: give the key file too");
            }
            if (o.out != null && !o.publicKeys.isEmpty()) {
                throw new UsageException("--out is where a generated key pair goes; with --public-key nothing is generated");
            }
            return o;
        }

        private void set(String flag, String value) {
            if (value.isBlank()) {
                throw new UsageException(flag + " needs a non-blank value");
            }
            switch (flag) {
                case "--port" -> {
                    try {
                        port = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        port = -1;
                    }
                    if (port < 0 || port > 65535) {
                        throw new UsageException("--port '" + value + "' is not a port number (0 to 65535)");
                    }
                }
                case "--org" -> org = value;
                case "--org-name" -> orgName = value;
                case "--system" -> systems.add(value);
                case "--user" -> users.add(value);
                case "--pat" -> pats.add(value);
                case "--public-key" -> {
                    Path p = Path.of(value);
                    if (!Files.isRegularFile(p)) {
                        throw new UsageException("--public-key " + value + ": no such file");
                    }
                    publicKeys.add(p);
                }
                case "--kid" -> kids.add(value);
                case "--out" -> out = Path.of(value);
                default -> throw new UsageException("unknown flag " + flag);
            }
        }
    }
}
