package dev.lakejwt.cli;

import dev.lakejwt.core.Algorithm;
import dev.lakejwt.core.config.LakeConfig;
import dev.lakejwt.core.config.Setting;
import dev.lakejwt.core.key.PemEncoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code lakejwt keygen}: writes a new key pair in the Lake console's format, the private key as PKCS#8
 * PEM readable by its owner only, the public key as SPKI PEM for uploading to the console; with
 * {@code --pkcs11} it generates the pair inside a PKCS#11 token instead and writes only the public key.
 *
 * <p>Easy to get wrong: with {@code --pkcs11}, {@code --name} is the key's label in the token and
 * {@code --force} overwrites only the public key file; a key already in the token under that label is
 * never replaced (delete it with the token's own tool).
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Write a new key pair in the Lake console's format: NAME.pem (PKCS#8 private key, mode rw-------) and "
                + "NAME.pub.pem (SPKI public key, to upload in the console as key NAME).",
            "With --pkcs11, generate the pair inside a PKCS#11 token (HSM, smart card, SoftHSM) under the label NAME "
                + "and write only NAME.pub.pem: the private key never leaves the token.",
            "The key id (kid) of tokens signed with it is NAME."})
final class KeygenCommand implements Callable<Integer> {
    static final int RSA_BITS = 2048;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");
    private static final List<Setting> TOKEN_SETTINGS = List.of(Setting.PKCS11_CONFIG, Setting.PKCS11_LIBRARY,
            Setting.PKCS11_SLOT, Setting.PKCS11_SLOT_INDEX, Setting.PIN);

    @ParentCommand
    private LakeJwtCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory to write the key pair to; created if missing.")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "primary",
            description = "Key name, which is also the kid (default: ${DEFAULT-VALUE}, as in the console).")
    private String name;

    @Option(names = "--alg", paramLabel = "ALG", defaultValue = "RS256",
            description = "RS256 (RSA 2048-bit, what the console creates) or ES256 (EC P-256) (default: ${DEFAULT-VALUE}).")
    private String alg;

    @Option(names = "--pkcs11",
            description = "Generate the key pair inside the PKCS#11 token the --pkcs11-* flags (or LAKE_PKCS11_* "
                    + "variables) name, unlocked with the PIN --pin-env names (or $LAKE_PIN).")
    private boolean inToken;

    @Mixin
    private Pkcs11Options pkcs11;

    @Option(names = "--pin-env", paramLabel = "VAR",
            description = "With --pkcs11: the name of the environment variable holding the token's user PIN "
                    + "(default: the value of $LAKE_PIN). Never the PIN itself.")
    private String pinEnv;

    @Option(names = "--force", description = "Overwrite existing key files of that name (with --pkcs11: the public "
            + "key file only, never a key in the token).")
    private boolean force;

    @Override
    public Integer call() {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.endsWith(".pem")) {
            throw CliException.input("--name '" + name + "' is not a key name: use letters, digits, '.', '_' and "
                    + "'-', without .pem (the files are NAME.pem and NAME.pub.pem)");
        }
        Algorithm algorithm = algorithm();
        Path publicFile = out.resolve(name + ".pub.pem");
        return inToken ? generateInToken(algorithm, publicFile) : generateFiles(algorithm, publicFile);
    }

    private Algorithm algorithm() {
        return switch (alg.trim().toUpperCase(Locale.ROOT)) {
            case "RS256" -> Algorithm.RS256;
            case "ES256" -> Algorithm.ES256;
            default -> throw CliException.input("--alg " + alg + " is not supported: use RS256 (the console's RSA "
                    + "2048-bit keys) or ES256 (EC P-256)");
        };
    }

    private Integer generateFiles(Algorithm algorithm, Path publicFile) {
        if (pkcs11.anyGiven() || pinEnv != null) {
            throw CliException.input((pkcs11.anyGiven() ? pkcs11.givenFlags() : "--pin-env")
                    + " only applies with --pkcs11: add --pkcs11 to generate the key inside the token, or drop it to "
                    + "write a PEM key file");
        }
        Path privateFile = out.resolve(name + ".pem");
        prepare(privateFile, publicFile);
        KeyPair pair = generate(algorithm);
        write(privateFile, PemEncoder.privateKeyPem(pair.getPrivate()), OWNER_ONLY);
        write(publicFile, PemEncoder.publicKeyPem(pair.getPublic()), WORLD_READABLE);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + privateFile + "  (private key, " + describe(algorithm) + ", PKCS#8, "
                + permissions(privateFile) + ": keep it secret)");
        printPublicKey(stdout, publicFile);
        return ExitCode.OK;
    }

    private Integer generateInToken(Algorithm algorithm, Path publicFile) {
        LakeConfig config = tokenConfig();
        prepare(publicFile);
        PublicKey publicKey = config.generateKeyInToken(algorithm);
        write(publicFile, PemEncoder.publicKeyPem(publicKey), WORLD_READABLE);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("generated " + describe(algorithm) + " key pair '" + name + "' inside the PKCS#11 token ("
                + config.pkcs11Config() + "): the private key cannot leave it");
        printPublicKey(stdout, publicFile);
        List<String> command = new ArrayList<>(List.of("lakejwt", "token"));
        command.addAll(tokenFlags());
        command.addAll(List.of("--alias", name));
        if (pinEnv != null || cli.environment().get(Setting.PIN.variable()) == null) {
            command.addAll(List.of("--pin-env", pinEnv != null ? pinEnv : "VARIABLE_WITH_PIN"));
        }
        stdout.println("sign with it: " + String.join(" ", command));
        return ExitCode.OK;
    }

    /** The token from the flags and the {@code LAKE_PKCS11_*} variables, the label, and the PIN. */
    private LakeConfig tokenConfig() {
        Map<String, String> environment = cli.environment();
        if (!pkcs11.selectsToken() && environment.get(Setting.PKCS11_CONFIG.variable()) == null
                && environment.get(Setting.PKCS11_LIBRARY.variable()) == null) {
            throw CliException.input("--pkcs11 needs a token: give --pkcs11-library FILE (with --pkcs11-slot ID or "
                    + "--pkcs11-slot-index N) or --pkcs11-config FILE, or set LAKE_PKCS11_LIBRARY or LAKE_PKCS11_CONFIG");
        }
        Map<String, String> env = new HashMap<>();
        TOKEN_SETTINGS.forEach(setting -> {
            String value = environment.get(setting.variable());
            if (value != null) {
                env.put(setting.variable(), value);
            }
        });
        cli.secrets().add(env.get(Setting.PIN.variable()));
        pkcs11.dropReplacedVariables(env);
        LakeConfig.Builder builder = LakeConfig.builder().keyAlias(name);
        pkcs11.applyTo(builder);
        if (pinEnv != null) {
            char[] pin = SecretVariable.read(Setting.PIN.flag(), pinEnv, "PIN", "TOKEN_PIN", environment, cli.secrets());
            builder.pin(pin);
            Arrays.fill(pin, '\0');
        }
        return builder.fromEnvironment(env).build();
    }

    /** The token flags given here, to repeat for {@code token} and {@code query} (none when from variables). */
    private List<String> tokenFlags() {
        List<String> flags = new ArrayList<>();
        addFlag(flags, Setting.PKCS11_CONFIG, pkcs11.config);
        addFlag(flags, Setting.PKCS11_LIBRARY, pkcs11.library);
        addFlag(flags, Setting.PKCS11_SLOT, pkcs11.slot);
        addFlag(flags, Setting.PKCS11_SLOT_INDEX, pkcs11.slotIndex);
        return flags;
    }

    private static void addFlag(List<String> flags, Setting setting, Object value) {
        if (value != null) {
            flags.add(setting.flag());
            flags.add(value.toString());
        }
    }

    private void printPublicKey(PrintWriter stdout, Path publicFile) {
        stdout.println("wrote " + publicFile + "  (public key, SPKI)");
        stdout.println("kid: " + name + "  (upload " + publicFile.getFileName() + " in the Lake console as key '"
                + name + "', or use it with 'lakejwt fake-lake --public-key " + publicFile + " --kid " + name + "')");
    }

    private static String describe(Algorithm algorithm) {
        return algorithm == Algorithm.ES256 ? "EC P-256" : "RSA " + RSA_BITS + "-bit";
    }

    /** Creates {@code --out} and refuses existing files unless {@code --force}; deletes nothing yet. */
    private void prepare(Path... files) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw CliException.input("--out " + out + " is a file, not a directory");
            }
            Files.createDirectories(out);
            for (Path file : files) {
                if (Files.exists(file) && !force) {
                    throw CliException.input(file + " already exists: choose another --name or --out, or pass "
                            + "--force to overwrite it");
                }
            }
        } catch (AccessDeniedException e) {
            throw CliException.input("cannot write to " + out + ": permission denied");
        } catch (IOException e) {
            throw CliException.input("cannot prepare " + out + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        }
    }

    private static KeyPair generate(Algorithm algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm.keyType());
            if (algorithm == Algorithm.ES256) {
                generator.initialize(new ECGenParameterSpec("secp256r1"));
            } else {
                generator.initialize(RSA_BITS);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate " + algorithm.keyType() + " keys", e);
        }
    }

    /**
     * Creates the file with its permissions already set, so the private key is never readable by others;
     * a file {@link #prepare} let pass with {@code --force} is replaced only now, once generation worked.
     */
    private void write(Path file, String pem, Set<PosixFilePermission> permissions) {
        try {
            Files.deleteIfExists(file);
            if (Files.getFileStore(out).supportsFileAttributeView("posix")) {
                FileAttribute<Set<PosixFilePermission>> attribute = PosixFilePermissions.asFileAttribute(permissions);
                Files.createFile(file, attribute);
                Files.setPosixFilePermissions(file, permissions);
            } else {
                Files.createFile(file);
                if (permissions.equals(OWNER_ONLY)) {
                    restrictToOwner(file);
                }
            }
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw CliException.input(file + " appeared while writing: run keygen again");
        } catch (AccessDeniedException e) {
            throw CliException.input("cannot write " + file + ": permission denied");
        } catch (IOException e) {
            throw CliException.input("cannot write " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(),
                    e);
        }
    }

    private void restrictToOwner(Path file) {
        java.io.File f = file.toFile();
        boolean restricted = f.setReadable(false, false) && f.setReadable(true, true)
                && f.setWritable(false, false) && f.setWritable(true, true);
        if (!restricted) {
            spec.commandLine().getErr().println("lakejwt keygen: warning: could not restrict " + file
                    + " to its owner; restrict it yourself");
        }
    }

    private static String permissions(Path file) {
        try {
            return "mode " + PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException e) {
            return "owner only";
        }
    }
}
