package dev.lakejwt.testkit.verify.violation;

/** Deliberate violation: the verifier reaching for the fake's HTTP server. */
public class VerifierUsingWireMock {
    Object server() {
        return new com.github.tomakehurst.wiremock.WireMockServer(0);
    }
}
