package dev.lakejwt.samples.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.testkit.FakeLake;
import dev.lakejwt.testkit.LakeIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Copies the four quickstart directories out of the repository, as a team would copy one, and builds
 * them there with one offline Maven run: resolve, compile main and test code, package, and then the
 * documented {@code mvn exec:java} against a fake Lake started here, with the settings in real
 * {@code LAKE_*} variables. The copies' tests are compiled but not run again ({@code -DskipTests}): the
 * reactor has just run the same test sources with the same dependency resolution (a parentless POM
 * resolves the same inside the reactor and out), and running them twice would double the time.
 *
 * <p>How the copies find their dependencies without the reactor: a fresh local repository under
 * {@code target/} holds lakejwt's own artifacts from this build (the testkit and core jars with their
 * POMs, and the parent and BOM POMs: {@link ReactorArtifacts}), and this build's local repository serves
 * everything else as a {@code file:} repository, offline. Nothing outside {@code target/} is written.
 * A throw-away aggregator POM lists the copies so one Maven start builds all four; it has no
 * {@code <dependencyManagement>} or plugin configuration they could inherit (they have no parent).
 */
class CopiedQuickstartsIT {
    private static final Path ROOT = SamplePomsTest.ROOT;
    private static final Duration LIMIT = Duration.ofMinutes(5);
    private static final Map<String, String> SIGNED_WITH = Map.of("jdk-quickstart", "java.security.Signature",
            "jjwt-quickstart", "jjwt", "nimbus-quickstart", "nimbus-jose-jwt", "jose4j-quickstart", "jose4j");

    @Test
    void eachQuickstartBuildsPassesItsTestAndRunsWhenCopiedOutOfTheRepository() throws Exception {
        Path work = emptyDirectory(Path.of("target", "copied-quickstarts").toAbsolutePath());
        Path copies = work.resolve("copies");
        for (String quickstart : SamplePomsTest.QUICKSTARTS) {
            copyWithoutBuildOutput(ROOT.resolve("samples").resolve(quickstart), copies.resolve(quickstart));
        }
        Files.writeString(copies.resolve("pom.xml"), aggregatorPom());
        Path repository = work.resolve("repository");
        List<String> installed = ReactorArtifacts.installInto(repository, ROOT);
        Path settings = Files.writeString(work.resolve("settings.xml"), settings(outerRepository()));

        MavenRun run;
        try (FakeLake lake = FakeLake.start()) {
            LakeIdentity me = lake.newIdentity("demo_user");
            Map<String, String> lakeEnvironment = Map.of(
                    "LAKE_URL", lake.baseUrl().toString(),
                    "LAKE_SYSTEM", lake.defaultSystem(),
                    "LAKE_ORG_ID", lake.orgId(),
                    "LAKE_USER", me.user(),
                    "LAKE_PAT", me.pat(),
                    "LAKE_KEY_FILE", me.pemFiles().privateKey().toString());

            run = MavenRun.run(copies, List.of("-B", "-o", "-Daether.offline.protocols=file",
                    "-s", settings.toString(), "-gs", settings.toString(), "-Dmaven.repo.local=" + repository,
                    "-DskipTests", "verify", "exec:java"), lakeEnvironment, work.resolve("maven.log"), LIMIT);

            assertThat(run.exitCode()).as("mvn verify exec:java in %s (%s):%n%s", copies, installed, run.tail(60))
                    .isZero();
            assertThat(lake.journal().accepted()).as("the exec:java runs' requests").hasSize(SIGNED_WITH.size());
        }
        for (String quickstart : SamplePomsTest.QUICKSTARTS) {
            assertThat(run.output()).contains("3 rows from SEL * FROM dbc.dbcinfo on shared_demo (token signed with "
                    + SIGNED_WITH.get(quickstart) + ")");
            Path target = copies.resolve(quickstart).resolve("target");
            assertThat(target.resolve(quickstart + "-0.1.0-SNAPSHOT.jar")).isRegularFile();
            assertThat(target.resolve("test-classes")).as("the copied %s's test, compiled against the installed "
                    + "testkit", quickstart).isDirectoryRecursivelyContaining("glob:**/LakeQuickstartTest.class");
        }
        System.out.printf("built the %d copied quickstarts and ran them in %d s%n", SIGNED_WITH.size(),
                run.took().toSeconds());
    }

    /** The aggregator: modules only, plus exec:java skipped for itself (it has no main class). */
    private static String aggregatorPom() {
        String execVersion = Pom.read(ROOT.resolve("pom.xml")).properties().get("exec-plugin.version");
        String modules = SamplePomsTest.QUICKSTARTS.stream().map(q -> "    <module>" + q + "</module>")
                .collect(Collectors.joining("\n"));
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>copies</groupId>
                  <artifactId>copied-quickstarts</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules>
                %s
                  </modules>
                  <build>
                    <plugins>
                      <plugin>
                        <groupId>org.codehaus.mojo</groupId>
                        <artifactId>exec-maven-plugin</artifactId>
                        <version>%s</version>
                        <configuration><skip>true</skip><mainClass>none</mainClass></configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(modules, execVersion);
    }

    /** This build's local repository as a read-only {@code file:} repository for releases. */
    private static String settings(Path outerRepository) {
        String repository = """
                      <id>this-build</id>
                      <url>%s</url>
                      <releases><checksumPolicy>ignore</checksumPolicy></releases>
                      <snapshots><enabled>false</enabled></snapshots>
                """.formatted(outerRepository.toUri());
        return """
                <settings>
                  <profiles>
                    <profile>
                      <id>this-build</id>
                      <repositories><repository>
                %s      </repository></repositories>
                      <pluginRepositories><pluginRepository>
                %s      </pluginRepository></pluginRepositories>
                    </profile>
                  </profiles>
                  <activeProfiles><activeProfile>this-build</activeProfile></activeProfiles>
                </settings>
                """.formatted(repository, repository);
    }

    private static Path outerRepository() {
        String configured = System.getProperty("lakejwt.localRepository");
        return configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static void copyWithoutBuildOutput(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.filter(p -> !from.relativize(p).startsWith("target")).forEach(p -> {
                try {
                    Path copy = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(copy);
                    } else {
                        Files.copy(p, copy, StandardCopyOption.REPLACE_EXISTING);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    private static Path emptyDirectory(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }
}
