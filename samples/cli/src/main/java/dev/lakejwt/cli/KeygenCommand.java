package dev.lakejwt.cli;

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
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code lakejwt keygen}: writes a new RSA 2048-bit key pair in the Lake console's format, the private
 * key as PKCS#8 PEM readable by its owner only, the public key as SPKI PEM for uploading to the console.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true, usageHelpAutoWidth = true, sortOptions = false,
        description = {
            "Write a new RSA 2048-bit key pair in the Lake console's format: NAME.pem (PKCS#8 private key, "
                + "mode rw-------) and NAME.pub.pem (SPKI public key, to upload in the console as key NAME).",
            "The key id (kid) of tokens signed with it is NAME."})
final class KeygenCommand implements Callable<Integer> {
    static final int RSA_BITS = 2048;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

    @Spec
    private CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Directory to write the key pair to; created if missing.")
    private Path out;

    @Option(names = "--name", paramLabel = "NAME", defaultValue = "primary",
            description = "Key name, which is also the kid (default: ${DEFAULT-VALUE}, as in the console).")
    private String name;

    @Option(names = "--force", description = "Overwrite existing key files of that name.")
    private boolean force;

    @Override
    public Integer call() {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*") || name.endsWith(".pem")) {
            throw CliException.input("--name '" + name + "' is not a key name: use letters, digits, '.', '_' and "
                    + "'-', without .pem (the files are NAME.pem and NAME.pub.pem)");
        }
        Path privateFile = out.resolve(name + ".pem");
        Path publicFile = out.resolve(name + ".pub.pem");
        prepare(privateFile, publicFile);
        KeyPair pair = generate();
        write(privateFile, PemEncoder.privateKeyPem(pair.getPrivate()), OWNER_ONLY);
        write(publicFile, PemEncoder.publicKeyPem(pair.getPublic()), WORLD_READABLE);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.println("wrote " + privateFile + "  (private key, RSA " + RSA_BITS + "-bit, PKCS#8, "
                + permissions(privateFile) + ": keep it secret)");
        stdout.println("wrote " + publicFile + "  (public key, SPKI)");
        stdout.println("kid: " + name + "  (upload " + publicFile.getFileName() + " in the Lake console as key '"
                + name + "', or use it with 'lakejwt fake-lake --public-key " + publicFile + " --kid " + name + "')");
        return ExitCode.OK;
    }

    private void prepare(Path privateFile, Path publicFile) {
        try {
            if (Files.exists(out) && !Files.isDirectory(out)) {
                throw CliException.input("--out " + out + " is a file, not a directory");
            }
            Files.createDirectories(out);
            for (Path file : new Path[] {privateFile, publicFile}) {
                if (Files.exists(file)) {
                    if (!force) {
                        throw CliException.input(file + " already exists: choose another --name or --out, or pass "
                                + "--force to overwrite it");
                    }
                    Files.delete(file);
                }
            }
        } catch (AccessDeniedException e) {
            throw CliException.input("cannot write to " + out + ": permission denied");
        } catch (IOException e) {
            throw CliException.input("cannot prepare " + out + ": " + e.getClass().getSimpleName() + " "
                    + e.getMessage(), e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate RSA keys", e);
        }
    }

    /** Creates the file with its permissions already set, so the private key is never readable by others. */
    private void write(Path file, String pem, Set<PosixFilePermission> permissions) {
        try {
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
