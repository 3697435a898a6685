package dev.lakejwt.testkit.softhsm;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh SoftHSM 2 tokens for the tests of one JVM, to sign with keys that never leave a PKCS#11 token.
 * {@link #get()} writes the file {@code SOFTHSM2_CONF} names (pointing at a new token directory) and
 * initializes the tokens of {@link #TOKENS} with {@code softhsm2-util}, all with the user PIN
 * {@link #PIN}; a test then opens a token through the JDK's {@code SunPKCS11} provider with
 * {@link #library()} and {@link #slot(String)} (or a {@link #writeConfig configuration file}) and
 * generates its keys inside it.
 *
 * <p>Easy to get wrong: SoftHSM reads {@code SOFTHSM2_CONF} once, when the library is first loaded into
 * the JVM, and sees no token created after that; so the variable must be set for the test JVM before it
 * starts (lakejwt's build sets it through surefire to {@code target/softhsm2/softhsm2.conf}), and nothing
 * may load the library before {@link #get()}. A PKCS#11 login holds for the whole process: a wrong-PIN
 * test needs a token nothing has logged into with the right PIN, which is what {@link #LOGIN_TOKEN} is
 * for. Without SoftHSM the calling test is skipped, unless {@link #REQUIRE_VARIABLE}{@code =1} (CI sets
 * it), which makes it fail instead.
 */
public final class SoftHsm {
    /** The user PIN of every token; a test secret, never a real one. */
    public static final String PIN = "4711-user-pin";
    /** The variable that turns a missing SoftHSM from a skipped test into a failed one. */
    public static final String REQUIRE_VARIABLE = "LAKEJWT_REQUIRE_SOFTHSM";
    /** The variable naming {@code libsofthsm2.so} when it is not in one of the usual places. */
    public static final String LIBRARY_VARIABLE = "LAKEJWT_SOFTHSM_LIBRARY";
    /** The token for keys: tests generate and use their key pairs here. */
    public static final String MAIN_TOKEN = "main";
    /** A token to check a wrong PIN on: log into it with the right PIN only after that check. */
    public static final String LOGIN_TOKEN = "login";
    /** The tokens every test JVM gets, labelled {@code lakejwt-<name>}. */
    public static final List<String> TOKENS = List.of(MAIN_TOKEN, LOGIN_TOKEN);
    private static final String SO_PIN = "0815-so-pin";
    private static final List<Path> LIBRARY_CANDIDATES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib64/pkcs11/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"),
            Path.of("/opt/homebrew/lib/softhsm/libsofthsm2.so"));
    private static SoftHsm instance;
    private static RuntimeException failure;

    private final Path library;
    private final Path tokenDir;
    private final Map<String, Long> slots;
    private final Long freeSlot;

    private SoftHsm(Path library, Path tokenDir, Map<String, Long> slots, Long freeSlot) {
        this.library = library;
        this.tokenDir = tokenDir;
        this.slots = slots;
        this.freeSlot = freeSlot;
    }

    /**
     * The tokens of this JVM, created on first use. Skips the calling test when SoftHSM is not installed
     * (fails it when {@link #REQUIRE_VARIABLE} is {@code 1}).
     *
     * @throws IllegalStateException when {@code SOFTHSM2_CONF} is unset or the tokens cannot be created
     */
    public static synchronized SoftHsm get() {
        if (failure != null) {
            throw failure;
        }
        if (instance == null) {
            try {
                instance = create();
            } catch (IllegalStateException e) {
                failure = e;
                throw e;
            }
        }
        return instance;
    }

    /** A fresh copy of {@link #PIN}: lakejwt zero-fills PIN arrays after use. */
    public static char[] pin() {
        return PIN.toCharArray();
    }

    /** The SoftHSM PKCS#11 library found on this machine. */
    public Path library() {
        return library;
    }

    /** The slot id of {@link #MAIN_TOKEN}. */
    public long slot() {
        return slot(MAIN_TOKEN);
    }

    /**
     * The slot id of one of {@link #TOKENS}.
     *
     * @throws IllegalArgumentException for a name not in {@link #TOKENS}
     */
    public long slot(String token) {
        Long slot = slots.get(token);
        if (slot == null) {
            throw new IllegalArgumentException("no SoftHSM token '" + token + "' in this JVM; the tokens are " + TOKENS);
        }
        return slot;
    }

    /** The slot id of SoftHSM's empty slot, which holds no initialized token. */
    public long freeSlot() {
        if (freeSlot == null) {
            throw new IllegalStateException("softhsm2-util --show-slots listed no uninitialized slot");
        }
        return freeSlot;
    }

    /** The directory where SoftHSM keeps this JVM's tokens. */
    public Path tokenDir() {
        return tokenDir;
    }

    /** How many objects SoftHSM has written to disk for the tokens: one record per token, plus keys and certificates. */
    public long storedObjects() throws IOException {
        try (Stream<Path> files = Files.walk(tokenDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".object")).count();
        }
    }

    /**
     * Writes a SunPKCS11 configuration file for one of {@link #TOKENS} ({@code name}, {@code library},
     * {@code slot}), as a user would for {@code --pkcs11-config}.
     *
     * @param providerName the provider becomes {@code SunPKCS11-<providerName>}: letters, digits, '.', '_', '-'
     */
    public Path writeConfig(Path file, String token, String providerName) throws IOException {
        if (!providerName.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("a SunPKCS11 name is letters, digits, '.', '_' or '-': " + providerName);
        }
        return Files.writeString(file, "name = " + providerName + "\nlibrary = " + library + "\nslot = "
                + slot(token) + "\n", StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return "SoftHsm[library=" + library + ", slots=" + slots + "]";
    }

    private static SoftHsm create() {
        boolean required = "1".equals(System.getenv(REQUIRE_VARIABLE));
        Path library = findLibrary();
        Path util = findOnPath("softhsm2-util");
        if (library == null || util == null) {
            String missing = "SoftHSM 2 is not installed (" + (library == null ? "no libsofthsm2.so" : "")
                    + (library == null && util == null ? ", " : "") + (util == null ? "no softhsm2-util on PATH" : "")
                    + "): apt-get install softhsm2";
            if (required) {
                throw new IllegalStateException(missing + "; " + REQUIRE_VARIABLE + "=1 forbids skipping");
            }
            Assumptions.abort(missing + "; skipping PKCS#11 tests (set " + REQUIRE_VARIABLE + "=1 to fail instead)");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            throw new IllegalStateException("SOFTHSM2_CONF is not set for this JVM: run the tests through Maven "
                    + "(surefire sets it to target/softhsm2/softhsm2.conf) or set it to a writable file path");
        }
        try {
            Path confFile = Path.of(conf).toAbsolutePath();
            Files.createDirectories(confFile.getParent());
            Path tokenDir = Files.createTempDirectory(confFile.getParent(), "tokens-");
            Files.writeString(confFile, "directories.tokendir = " + tokenDir + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.US_ASCII);
            Map<String, Long> slots = new LinkedHashMap<>();
            Pattern reassigned = Pattern.compile("reassigned to slot (\\d+)");
            for (String token : TOKENS) {
                String out = run(util, confFile, "--init-token", "--free", "--label", "lakejwt-" + token,
                        "--pin", PIN, "--so-pin", SO_PIN);
                Matcher m = reassigned.matcher(out);
                if (!m.find()) {
                    throw new IllegalStateException("softhsm2-util did not say which slot token " + token + " got: "
                            + out);
                }
                slots.put(token, Long.parseLong(m.group(1)));
            }
            Matcher free = Pattern.compile("Slot (\\d+)\\s+Slot info:(?:(?!Slot \\d).)*Initialized:\\s+no",
                    Pattern.DOTALL).matcher(run(util, confFile, "--show-slots"));
            return new SoftHsm(library, tokenDir, Map.copyOf(slots), free.find() ? Long.valueOf(free.group(1)) : null);
        } catch (IOException e) {
            throw new IllegalStateException("could not set up SoftHSM tokens: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up SoftHSM tokens", e);
        }
    }

    private static String run(Path util, Path conf, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(util.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException("softhsm2-util " + args[0] + " failed: " + out);
        }
        return out;
    }

    private static Path findLibrary() {
        String configured = System.getenv(LIBRARY_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return Files.isRegularFile(Path.of(configured)) ? Path.of(configured) : null;
        }
        return LIBRARY_CANDIDATES.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }

    private static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
