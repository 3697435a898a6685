package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lakejwt.core.key.KeyLoader;
import dev.lakejwt.core.key.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeygenCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAMatchingPairInTheConsoleFormatWithThePrivateKeyOwnerOnly() throws Exception {
        Path out = dir.resolve("keys");

        Cli.Result run = Cli.run(Map.of(), "keygen", "--out", out.toString()).succeeded();

        Path privateFile = out.resolve("primary.pem");
        Path publicFile = out.resolve("primary.pub.pem");
        assertThat(Files.readString(privateFile)).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(publicFile)).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateFile))).isEqualTo("rw-------");
        SigningKey key = KeyLoader.loadPrivateKey(privateFile);
        PublicKey publicKey = KeyLoader.loadPublicKey(publicFile);
        assertThat(key.keyId()).isEqualTo("primary");
        assertThat(((RSAPublicKey) publicKey).getModulus().bitLength()).isEqualTo(2048);
        assertThat(((RSAPrivateCrtKey) key.privateKey()).getModulus()).isEqualTo(((RSAPublicKey) publicKey).getModulus());
        assertThat(run.out()).contains("wrote " + privateFile).contains("rw-------").contains("wrote " + publicFile)
                .contains("kid: primary");
        assertThat(run.out()).doesNotContain("BEGIN");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theNameIsTheKeyIdAndTheTokenCommandSignsWithTheKey() throws Exception {
        Cli.run(Map.of(), "keygen", "--out", dir.toString(), "--name", "ci-key").succeeded();

        Cli.Result token = Cli.run(Map.of("LAKE_USER", "u", "LAKE_PAT", "p-123", "LAKE_ORG_ID", "o"), "token",
                "--key", dir.resolve("ci-key.pem").toString()).succeeded();

        Jwt jwt = Jwt.parse(token.out().strip());
        assertThat(jwt.header().get("kid").asText()).isEqualTo("ci-key");
        assertThat(jwt.verifiesWith(KeyLoader.loadPublicKey(dir.resolve("ci-key.pub.pem")))).isTrue();
    }

    @Test
    void es256WritesAP256PairThatTokenSignsWithAsEs256() throws Exception {
        Cli.Result run = Cli.run(Map.of(), "keygen", "--out", dir.toString(), "--name", "ec-key", "--alg", "es256")
                .succeeded();

        SigningKey key = KeyLoader.loadPrivateKey(dir.resolve("ec-key.pem"));
        PublicKey publicKey = KeyLoader.loadPublicKey(dir.resolve("ec-key.pub.pem"));
        assertThat(((java.security.interfaces.ECPublicKey) publicKey).getParams().getCurve().getField().getFieldSize())
                .isEqualTo(256);
        assertThat(run.out()).contains("EC P-256");
        Cli.Result token = Cli.run(Map.of("LAKE_USER", "u", "LAKE_PAT", "p-123", "LAKE_ORG_ID", "o"), "token",
                "--key", dir.resolve("ec-key.pem").toString()).succeeded();
        Jwt jwt = Jwt.parse(token.out().strip());
        assertThat(jwt.header().get("alg").asText()).isEqualTo("ES256");
        assertThat(key.keyId()).isEqualTo("ec-key");
        assertThat(jwt.verifiesWith(publicKey)).isTrue();
    }

    @Test
    void refusesToOverwriteAKeyUnlessForced() throws Exception {
        Cli.run(Map.of(), "keygen", "--out", dir.toString()).succeeded();
        String first = Files.readString(dir.resolve("primary.pem"));

        String error = Cli.run(Map.of(), "keygen", "--out", dir.toString()).failedWith(2);
        assertThat(Files.readString(dir.resolve("primary.pem"))).isEqualTo(first);
        Cli.run(Map.of(), "keygen", "--out", dir.toString(), "--force").succeeded();

        assertThat(error).contains("primary.pem already exists").contains("--force");
        assertThat(Files.readString(dir.resolve("primary.pem"))).isNotEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("primary.pem"))))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesANameThatIsAPathOrEndsInPem() {
        assertThat(Cli.run(Map.of(), "keygen", "--out", dir.toString(), "--name", "../evil").failedWith(2))
                .contains("--name '../evil' is not a key name");
        assertThat(Cli.run(Map.of(), "keygen", "--out", dir.toString(), "--name", "primary.pem").failedWith(2))
                .contains("without .pem");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void anOutThatIsAFileIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "x");

        assertThat(Cli.run(Map.of(), "keygen", "--out", file.toString()).failedWith(2)).contains("is a file");
    }

    @Test
    void outIsRequired() {
        assertThat(Cli.run(Map.of(), "keygen").failedWith(2)).contains("--out").contains("lakejwt keygen --help");
    }
}
