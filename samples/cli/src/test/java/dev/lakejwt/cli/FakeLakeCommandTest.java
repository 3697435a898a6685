package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FakeLakeCommandTest {
    private static final String SQL = "SEL * FROM dbc.dbcinfo";
    private static final String PAT = "pat-for-the-fake-0147";

    @TempDir
    Path dir;

    @Test
    void servesTheGivenUserAndKeySoQueryWorksAgainstItUntilStopped() throws Exception {
        KeyPair pair = TestKeys.rsa();
        Path privateKey = TestKeys.writePrivate(dir, "primary.pem", pair);
        Path publicKey = TestKeys.writePublic(dir, "primary.pub.pem", pair);

        try (Running fake = new Running(Map.of(), "fake-lake", "--user", "demo_user", "--pat", PAT, "--public-key",
                publicKey.toString(), "--kid", "primary", "--org", "org-9", "--system", "analytics")) {
            String url = fake.awaitListening();
            assertThat(fake.out()).contains("org_id org-9").contains("systems:   analytics")
                    .contains("key:       primary (RSA");

            Cli.Result query = Cli.run(Map.of("LAKE_URL", url, "LAKE_SYSTEM", "analytics", "LAKE_ORG_ID", "org-9",
                    "LAKE_USER", "demo_user", "LAKE_PAT", PAT, "LAKE_KEY_FILE", privateKey.toString()), "query", SQL)
                    .succeeded();
            Cli.Result wrongOrg = Cli.run(Map.of("LAKE_URL", url, "LAKE_SYSTEM", "analytics", "LAKE_ORG_ID", "org-1",
                    "LAKE_USER", "demo_user", "LAKE_PAT", PAT, "LAKE_KEY_FILE", privateKey.toString()), "query", SQL);

            assertThat(query.out()).contains("LANGUAGE SUPPORT MODE  Standard").contains("(3 rows)");
            assertThat(wrongOrg.exitCode()).isEqualTo(1);
            assertThat(wrongOrg.err()).contains("401").contains("WRONG_ORGANIZATION");
            wrongOrg.showsNone(PAT);

            fake.stop();
            assertThat(fake.exitCode()).isZero();
            assertThat(fake.out()).endsWith("fake Lake stopped\n").doesNotContain(PAT);
            assertThat(fake.err()).isEmpty();
        }
    }

    @Test
    void takesUserPatOrgSystemAndKidFromTheLakeVariables() throws Exception {
        KeyPair pair = TestKeys.rsa();
        Path privateKey = TestKeys.writePrivate(dir, "console-key.pem", pair);
        Path publicKey = TestKeys.writePublic(dir, "console-key.pub.pem", pair);
        Map<String, String> env = Map.of("LAKE_USER", "env_user", "LAKE_PAT", PAT, "LAKE_ORG_ID", "env-org",
                "LAKE_SYSTEM", "env_system", "LAKE_KEY_ID", "console-key", "LAKE_KEY_FILE", privateKey.toString());

        try (Running fake = new Running(env, "fake-lake", "--public-key", publicKey.toString())) {
            String url = fake.awaitListening();
            Map<String, String> client = new HashMap<>(env);
            client.put("LAKE_URL", url);

            Cli.run(client, "query", SQL).succeeded();

            assertThat(fake.out()).contains("user:      env_user").contains("key:       console-key (RSA")
                    .contains("org_id env-org").contains("systems:   env_system").doesNotContain(PAT);
        }
    }

    @Test
    void withoutAKeyItGeneratesAnIdentityAndALakeEnvThatTheOtherCommandsUse() throws Exception {
        Path out = dir.resolve("identity");

        try (Running fake = new Running(Map.of(), "fake-lake", "--out", out.toString())) {
            fake.awaitListening();
            Map<String, String> env = new HashMap<>();
            for (String line : Files.readAllLines(out.resolve("lake.env"))) {
                String assignment = line.replaceFirst("^export ", "");
                env.put(assignment.substring(0, assignment.indexOf('=')), assignment.substring(assignment.indexOf('=') + 1));
            }

            Cli.Result query = Cli.run(env, "query", "--format", "csv", SQL).succeeded();

            assertThat(query.out()).startsWith("InfoKey,InfoData\n");
            assertThat(fake.out()).contains("generated: user demo_user").doesNotContain(env.get("LAKE_PAT"));
        }
    }

    @Test
    void aPatWithoutAUserIsAUsageErrorOnOneLine() {
        String error = Cli.run(Map.of(), "fake-lake", "--pat", PAT).showsNone(PAT).failedWith(2);

        assertThat(error).startsWith("lakejwt fake-lake: give one --pat per --user");
    }

    @Test
    void aPrivateKeyGivenAsThePublicKeyIsAnInputError() throws Exception {
        Path privateKey = TestKeys.writePrivate(dir, "primary.pem", TestKeys.rsa());

        String error = Cli.run(Map.of(), "fake-lake", "--public-key", privateKey.toString()).failedWith(2);

        assertThat(error).contains("primary.pem").contains("private key where a public key is needed");
    }

    @Test
    void aPortInUseIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String error = Cli.run(Map.of(), "fake-lake", "--port", String.valueOf(taken.getLocalPort())).failedWith(1);

            assertThat(error).contains(String.valueOf(taken.getLocalPort())).contains("in use");
        }
    }

    /** {@code lakejwt fake-lake} on a thread, through the picocli entry point; stopped by an interrupt, as by Ctrl-C. */
    private static final class Running implements AutoCloseable {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final AtomicInteger exit = new AtomicInteger(Integer.MIN_VALUE);
        private final Thread thread;

        Running(Map<String, String> environment, String... args) {
            CommandLine commandLine = LakeJwtCli.commandLine(environment);
            commandLine.setOut(new PrintWriter(out, true));
            commandLine.setErr(new PrintWriter(err, true));
            thread = new Thread(() -> exit.set(commandLine.execute(args)), "lakejwt-fake-lake-under-test");
            thread.start();
        }

        String awaitListening() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                for (String line : out().lines().toList()) {
                    if (line.startsWith("listening on ")) {
                        return line.substring("listening on ".length()).trim();
                    }
                }
                assertThat(thread.isAlive()).as("fake-lake exited %s: %s", exit.get(), err()).isTrue();
                Thread.sleep(20);
            }
            throw new AssertionError("no 'listening on' line within 60 s: " + out());
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(TimeUnit.SECONDS.toMillis(30));
            assertThat(thread.isAlive()).as("fake-lake stopped after an interrupt").isFalse();
        }

        int exitCode() {
            return exit.get();
        }

        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        @Override
        public void close() throws InterruptedException {
            if (thread.isAlive()) {
                stop();
            }
        }
    }
}
