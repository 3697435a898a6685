package dev.lakejwt.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lakejwt.core.LakeConnectionException;
import dev.lakejwt.core.client.LakeClient;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The HTTPS mode: a freshly generated self-signed certificate, and the ways a client trusts it. */
class HttpsTest {
    @Test
    void servesHttpsWithACertificateItsOwnClientsTrust() throws Exception {
        try (FakeLake lake = FakeLake.builder().https().start()) {
            LakeIdentity me = lake.newIdentity("demo_user");

            assertThat(lake.baseUrl().getScheme()).isEqualTo("https");
            assertThat(lake.isHttps()).isTrue();
            assertThat(me.client().query(lake.defaultSystem(), "SEL * FROM dbc.dbcinfo").first().rows()).hasSize(3);
            assertThat(lake.sslContext()).isPresent();
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                    new ByteArrayInputStream(lake.certificatePem().orElseThrow().getBytes(StandardCharsets.US_ASCII)));
            assertThat(cert.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList())
                    .contains("127.0.0.1", "localhost");
            LakeClient untrusting = LakeClient.builder(lake.baseUrl(), me.tokenSource())
                    .httpClient(HttpClient.newHttpClient()).build();
            assertThatThrownBy(untrusting::myOrganization).as("the JDK does not trust a self-signed certificate")
                    .isInstanceOf(LakeConnectionException.class);
            assertThat(lake.journal().entries()).hasSize(1);
        }
    }

    @Test
    void plainHttpHasNoCertificate() {
        try (FakeLake lake = FakeLake.start()) {
            assertThat(lake.baseUrl().getScheme()).isEqualTo("http");
            assertThat(lake.sslContext()).isEmpty();
            assertThat(lake.certificatePem()).isEmpty();
        }
    }
}
