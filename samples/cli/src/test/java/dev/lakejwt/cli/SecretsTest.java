package dev.lakejwt.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretsTest {
    private final Secrets secrets = new Secrets();

    @Test
    void masksEveryRegisteredSecretLongestFirst() {
        secrets.add("pat-123");
        secrets.add("pat-123-and-more");
        secrets.add(" ");
        secrets.add((String) null);

        assertThat(secrets.scrub("a pat-123-and-more b pat-123 c")).isEqualTo("a <redacted> b <redacted> c");
    }

    @Test
    void masksAShortSecretSuchAsAPinOnlyWhereItStandsAlone() {
        secrets.add("1234");
        secrets.add("0");

        assertThat(secrets.scrub("PIN 1234 refused for slot 1234567 of PKCS#11 token 0"))
                .isEqualTo("PIN <redacted> refused for slot 1234567 of PKCS#11 token <redacted>");
        assertThat(secrets.scrub("pin=1234, '1234'")).isEqualTo("pin=<redacted>, '<redacted>'");
    }

    @Test
    void masksACompactJwsButNotAHostName() {
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLWJ5dGVz";

        String scrubbed = secrets.scrub("token " + token + " refused by myorg.innovationlabs.teradata.com");

        assertThat(scrubbed).isEqualTo("token <redacted> refused by myorg.innovationlabs.teradata.com");
    }

    @Test
    void masksPemBlocksWithABodyButKeepsAMentionOfTheHeaderLine() {
        String pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n"
                + "-----END PRIVATE KEY-----";
        String encrypted = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00FF\n\n"
                + "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n-----END RSA PRIVATE KEY-----";

        assertThat(secrets.scrub("x " + pem + " y")).isEqualTo("x <redacted> y");
        assertThat(secrets.scrub(encrypted)).isEqualTo("<redacted>");
        assertThat(secrets.scrub("use the file that starts with '-----BEGIN PRIVATE KEY-----')"))
                .isEqualTo("use the file that starts with '-----BEGIN PRIVATE KEY-----')");
    }
}
