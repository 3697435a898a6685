package dev.lakejwt.core.key;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Fresh SoftHSM 2 tokens for this test JVM. SoftHSM reads {@code SOFTHSM2_CONF} once, when the
 * library is first initialized, so surefire points that variable at a file under {@code target/}
 * and this class writes it (with a new token directory) and initializes every token before any
 * provider touches the library. Tests skip only when SoftHSM is not installed and
 * {@code LAKEJWT_REQUIRE_SOFTHSM} is not {@code 1} (CI sets it, so CI never skips).
 */
public final class SoftHsm {
    public static final String PIN = "4711-user-pin";
    static final String SO_PIN = "0815-so-pin";
    private static final List<Path> LIBRARY_CANDIDATES = List.of(
            Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib64/pkcs11/libsofthsm2.so"),
            Path.of("/usr/local/lib/softhsm/libsofthsm2.so"),
            Path.of("/opt/homebrew/lib/softhsm/libsofthsm2.so"));
    /** Tokens every test JVM gets: "main" for keys, "login" is never logged into before its wrong-PIN test. */
    private static final List<String> TOKENS = List.of("main", "login");
    private static SoftHsm instance;

    private final Path library;
    private final Path tokenDir;
    private final Map<String, Long> slots;
    private final long freeSlot;

    private SoftHsm(Path library, Path tokenDir, Map<String, Long> slots, long freeSlot) {
        this.library = library;
        this.tokenDir = tokenDir;
        this.slots = slots;
        this.freeSlot = freeSlot;
    }

    /** The tokens of this JVM, created on first use; skips (or fails under CI) when SoftHSM is missing. */
    public static synchronized SoftHsm get() {
        if (instance == null) {
            instance = create();
        }
        return instance;
    }

    public Path library() {
        return library;
    }

    /** The slot id of one of {@link #TOKENS}. */
    public long slot(String token) {
        return slots.get(token);
    }

    /** The slot id of SoftHSM's empty slot, which holds no initialized token. */
    public long freeSlot() {
        return freeSlot;
    }

    public Path tokenDir() {
        return tokenDir;
    }

    /** A configuration for one of {@link #TOKENS}; the name keeps providers of different tests apart. */
    public Pkcs11Config config(String token, String name) {
        return Pkcs11Config.builder().name(name).library(library).slot(slot(token)).build();
    }

    /** How many objects (keys, certificates) SoftHSM has written to disk for the tokens. */
    public long storedObjects() throws IOException {
        try (Stream<Path> files = Files.walk(tokenDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".object")).count();
        }
    }

    public static char[] pin() {
        return PIN.toCharArray();
    }

    private static SoftHsm create() {
        boolean required = "1".equals(System.getenv("LAKEJWT_REQUIRE_SOFTHSM"));
        Path library = findLibrary();
        Path util = findOnPath("softhsm2-util");
        if (library == null || util == null) {
            String missing = "SoftHSM 2 is not installed (" + (library == null ? "no libsofthsm2.so" : "")
                    + (util == null ? " no softhsm2-util on PATH" : "") + "): apt-get install softhsm2";
            if (required) {
                fail(missing + "; LAKEJWT_REQUIRE_SOFTHSM=1 forbids skipping");
            }
            Assumptions.abort(missing + "; skipping PKCS#11 tests (set LAKEJWT_REQUIRE_SOFTHSM=1 to fail instead)");
        }
        String conf = System.getenv("SOFTHSM2_CONF");
        if (conf == null || conf.isBlank()) {
            fail("SOFTHSM2_CONF is not set for this JVM: run the tests through Maven (surefire sets it to "
                    + "target/softhsm2/softhsm2.conf) or set it to a writable file path");
        }
        try {
            Path confFile = Path.of(conf).toAbsolutePath();
            Files.createDirectories(confFile.getParent());
            Path tokenDir = Files.createTempDirectory(confFile.getParent(), "tokens-");
            Files.writeString(confFile, "directories.tokendir = " + tokenDir + "\nobjectstore.backend = file\n"
                    + "log.level = ERROR\nslots.removable = false\n", StandardCharsets.US_ASCII);
            Map<String, Long> slots = new HashMap<>();
            for (String token : TOKENS) {
                String out = run(util, confFile, "--init-token", "--free", "--label", "lakejwt-" + token,
                        "--pin", PIN, "--so-pin", SO_PIN);
                Matcher m = Pattern.compile("reassigned to slot (\\d+)").matcher(out);
                if (!m.find()) {
                    fail("softhsm2-util did not say which slot token " + token + " got: " + out);
                }
                slots.put(token, Long.parseLong(m.group(1)));
            }
            String shown = run(util, confFile, "--show-slots");
            Matcher free = Pattern.compile("Slot (\\d+)\\s+Slot info:(?:(?!Slot \\d).)*Initialized:\\s+no", Pattern.DOTALL)
                    .matcher(shown);
            long freeSlot = free.find() ? Long.parseLong(free.group(1)) : -1;
            return new SoftHsm(library, tokenDir, Map.copyOf(slots), freeSlot);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not set up SoftHSM tokens", e);
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
            fail("softhsm2-util " + String.join(" ", args).replace(PIN, "***").replace(SO_PIN, "***")
                    + " failed: " + out);
        }
        return out;
    }

    private static Path findLibrary() {
        String configured = System.getenv("LAKEJWT_SOFTHSM_LIBRARY");
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
        for (String dir : path.split(java.io.File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
