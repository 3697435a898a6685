package dev.lakejwt.samples.standalone;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Installs lakejwt's own artifacts from the running build into a local repository, file for file as
 * {@code mvn install} lays them out: every jar of this build on the test's class path (with the POM that
 * the jar plugin put inside it) and the parent POMs that POM names, taken from the source tree.
 *
 * <p>Easy to get wrong: only a build that got as far as {@code package} has these jars; from a plain
 * {@code mvn test} the class path holds {@code target/classes} directories, and this fails saying so.
 */
final class ReactorArtifacts {
    private ReactorArtifacts() {
    }

    /** Installs into {@code repository} and returns the {@code groupId:artifactId:version} installed. */
    static List<String> installInto(Path repository, Path root) throws IOException {
        Set<String> installed = new LinkedHashSet<>();
        for (Path jar : reactorJarsOnClassPath(root)) {
            Path module = jar.getParent().getParent(); // <module>/target/<artifact>.jar
            byte[] pomBytes = embeddedPom(jar);
            Pom pom = Pom.read(new ByteArrayInputStream(pomBytes));
            Path target = artifactPath(repository, pom, "jar");
            Files.createDirectories(target.getParent());
            Files.copy(jar, target, StandardCopyOption.REPLACE_EXISTING);
            Files.write(artifactPath(repository, pom, "pom"), pomBytes);
            installed.add(coordinates(pom));
            installParents(repository, module, pom, installed);
        }
        if (installed.isEmpty()) {
            throw new IllegalStateException("no jar of this build below " + root + " is on the test class path: run "
                    + "`mvn verify` from the repository root, so that lakejwt-testkit is packaged before this test");
        }
        return List.copyOf(installed);
    }

    private static void installParents(Path repository, Path module, Pom pom, Set<String> installed) {
        if (pom.parentRelativePath().isEmpty()) {
            return;
        }
        Path parentFile = module.resolve(pom.parentRelativePath().get()).normalize();
        if (Files.isDirectory(parentFile)) {
            parentFile = parentFile.resolve("pom.xml");
        }
        Pom parent = Pom.read(parentFile);
        if (!parent.artifactId().equals(pom.parent().orElseThrow().artifactId())) {
            throw new IllegalStateException(parentFile + " is not the parent " + pom.parent().orElseThrow().key()
                    + " of " + pom.artifactId());
        }
        if (installed.add(coordinates(parent))) {
            try {
                Path target = artifactPath(repository, parent, "pom");
                Files.createDirectories(target.getParent());
                Files.copy(parentFile, target, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new IllegalStateException("cannot install " + parentFile, e);
            }
            installParents(repository, parentFile.getParent(), parent, installed);
        }
    }

    /** The jars of the class path that lie below {@code root}: this build's own modules. */
    private static List<Path> reactorJarsOnClassPath(Path root) throws IOException {
        List<Path> jars = new ArrayList<>();
        Enumeration<URL> manifests = ReactorArtifacts.class.getClassLoader().getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            if (!url.getProtocol().equals("jar")) {
                continue;
            }
            String file = url.getPath().substring(0, url.getPath().indexOf("!/"));
            Path jar = Path.of(URI.create(file)).toAbsolutePath().normalize();
            if (jar.startsWith(root) && jar.getParent().getFileName().toString().equals("target")) {
                jars.add(jar);
            }
        }
        return jars;
    }

    private static byte[] embeddedPom(Path jar) throws IOException {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            JarEntry pom = jarFile.stream().filter(e -> e.getName().startsWith("META-INF/maven/"))
                    .filter(e -> e.getName().endsWith("/pom.xml")).findFirst()
                    .orElseThrow(() -> new IOException(jar + " has no META-INF/maven/**/pom.xml"));
            try (InputStream in = jarFile.getInputStream(pom)) {
                return in.readAllBytes();
            }
        }
    }

    private static Path artifactPath(Path repository, Pom pom, String extension) {
        return repository.resolve(pom.groupId().replace('.', '/')).resolve(pom.artifactId()).resolve(pom.version())
                .resolve(pom.artifactId() + "-" + pom.version() + "." + extension);
    }

    private static String coordinates(Pom pom) {
        return pom.groupId() + ":" + pom.artifactId() + ":" + pom.version();
    }
}
