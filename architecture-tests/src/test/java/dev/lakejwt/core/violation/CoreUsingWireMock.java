package dev.lakejwt.core.violation;

/** Deliberate violation: core code using WireMock. */
public class CoreUsingWireMock {
    int port(com.github.tomakehurst.wiremock.WireMockServer server) {
        return server.port();
    }
}
