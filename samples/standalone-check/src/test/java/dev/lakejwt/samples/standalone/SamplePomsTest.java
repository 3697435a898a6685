package dev.lakejwt.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The quickstart POMs have no parent, so nothing inherits the root POM's versions: this checks that each
 * names exactly the versions the root manages, stays out of lakejwt's own artifacts, and is one file.
 */
class SamplePomsTest {
    static final Path ROOT = Path.of(System.getProperty("lakejwt.root", "../..")).toAbsolutePath().normalize();
    static final List<String> QUICKSTARTS = List.of("jdk-quickstart", "jjwt-quickstart", "nimbus-quickstart",
            "jose4j-quickstart");

    static Stream<String> quickstarts() {
        return QUICKSTARTS.stream();
    }

    @Test
    void everyQuickstartDirectoryIsAModuleOfTheBuild() throws IOException {
        List<String> directories;
        try (Stream<Path> list = Files.list(ROOT.resolve("samples"))) {
            directories = list.filter(p -> p.getFileName().toString().endsWith("-quickstart")).filter(Files::isDirectory)
                    .map(p -> p.getFileName().toString()).toList();
        }

        assertThat(directories).containsExactlyInAnyOrderElementsOf(QUICKSTARTS);
        assertThat(Pom.read(ROOT.resolve("samples/pom.xml")).modules()).containsAll(QUICKSTARTS);
    }

    @ParameterizedTest
    @MethodSource("quickstarts")
    void aQuickstartHasNoParentAndNamesTheVersionsTheRootPomManages(String quickstart) {
        Pom sample = Pom.read(ROOT.resolve("samples").resolve(quickstart).resolve("pom.xml"));

        assertThat(sample.parent()).as("%s must build when copied alone: no <parent>", quickstart).isEmpty();
        assertThat(versionMismatches(sample, Pom.read(ROOT.resolve("pom.xml")))).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("quickstarts")
    void aQuickstartUsesItsLibraryNotLakejwtOutsideItsTest(String quickstart) {
        Pom sample = Pom.read(ROOT.resolve("samples").resolve(quickstart).resolve("pom.xml"));

        assertThat(sample.dependencies()).filteredOn(d -> d.groupId().startsWith("dev.lakejwt"))
                .allSatisfy(d -> assertThat(d.scope()).as(d.key()).isEqualTo("test"));
    }

    @ParameterizedTest
    @MethodSource("quickstarts")
    void aQuickstartIsOneJavaFile(String quickstart) throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(ROOT.resolve("samples").resolve(quickstart).resolve("src/main/java"))) {
            sources = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }

        assertThat(sources).singleElement().satisfies(p -> assertThat(p.getFileName()).hasToString("LakeQuickstart.java"));
    }

    @Test
    void theVersionCheckSeesAVersionTheRootDoesNotManage(@TempDir Path dir) throws IOException {
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, """
                <project><modelVersion>4.0.0</modelVersion>
                  <groupId>x</groupId><artifactId>y</artifactId><version>1</version>
                  <properties><maven.compiler.release>17</maven.compiler.release><jjwt.version>0.12.6</jjwt.version></properties>
                  <dependencies>
                    <dependency><groupId>io.jsonwebtoken</groupId><artifactId>jjwt-api</artifactId><version>${jjwt.version}</version></dependency>
                    <dependency><groupId>dev.lakejwt</groupId><artifactId>lakejwt-testkit</artifactId><version>9.9</version></dependency>
                    <dependency><groupId>org.example</groupId><artifactId>unmanaged</artifactId><version>1.0</version></dependency>
                  </dependencies>
                  <build><plugins><plugin><artifactId>maven-surefire-plugin</artifactId><version>2.12.4</version></plugin></plugins></build>
                </project>
                """);

        assertThat(versionMismatches(Pom.read(pom), Pom.read(ROOT.resolve("pom.xml")))).hasSize(4)
                .anyMatch(m -> m.startsWith("io.jsonwebtoken:jjwt-api 0.12.6"))
                .anyMatch(m -> m.startsWith("dev.lakejwt:lakejwt-testkit 9.9"))
                .anyMatch(m -> m.startsWith("org.example:unmanaged 1.0"))
                .anyMatch(m -> m.startsWith("org.apache.maven.plugins:maven-surefire-plugin 2.12.4"));
    }

    /** Every dependency, imported BOM and plugin version {@code sample} names, where it differs from the root's. */
    static List<String> versionMismatches(Pom sample, Pom root) {
        List<Pom.Artifact> named = new ArrayList<>(sample.dependencies());
        named.addAll(sample.managedDependencies());
        named.addAll(sample.plugins());
        List<String> mismatches = new ArrayList<>();
        for (Pom.Artifact artifact : named) {
            if (artifact.version() == null) {
                continue; // managed by a BOM the sample imports, whose own version is checked
            }
            String managed = managedVersion(root, artifact);
            if (!artifact.version().equals(managed)) {
                mismatches.add(artifact.key() + " " + artifact.version() + (managed == null
                        ? ": the root POM does not manage it; add it there first"
                        : ": the root POM manages " + managed));
            }
        }
        String release = sample.properties().get("maven.compiler.release");
        String rootRelease = root.properties().get("maven.compiler.release");
        if (!rootRelease.equals(release)) {
            mismatches.add("maven.compiler.release " + release + ": the root POM sets " + rootRelease);
        }
        return mismatches;
    }

    private static String managedVersion(Pom root, Pom.Artifact artifact) {
        if (artifact.groupId().startsWith("dev.lakejwt")) {
            return root.version();
        }
        List<Pom.Artifact> managed = new ArrayList<>(root.managedDependencies());
        managed.addAll(root.plugins());
        for (Pom.Artifact m : managed) {
            if (m.key().equals(artifact.key())) {
                return m.version();
            }
        }
        // Families the root aligns through an imported BOM.
        Map<String, String> bomFamilies = Map.of("com.fasterxml.jackson", "jackson.version", "org.junit", "junit.version");
        return bomFamilies.entrySet().stream().filter(f -> artifact.groupId().startsWith(f.getKey()))
                .map(f -> root.properties().get(f.getValue())).findFirst().orElse(null);
    }
}
