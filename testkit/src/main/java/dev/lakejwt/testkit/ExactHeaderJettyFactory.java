package dev.lakejwt.testkit;

import com.github.tomakehurst.wiremock.core.Options;
import com.github.tomakehurst.wiremock.http.AdminRequestHandler;
import com.github.tomakehurst.wiremock.http.HttpServer;
import com.github.tomakehurst.wiremock.http.HttpServerFactory;
import com.github.tomakehurst.wiremock.http.StubRequestHandler;
import com.github.tomakehurst.wiremock.jetty11.Jetty11HttpServer;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;

/**
 * WireMock's Jetty, with the HTTP/1.1 header cache made case-sensitive. Jetty caches recently seen
 * header fields and by default matches them ignoring case, so a bearer token that differs from the
 * previous one on the same connection only in letter case would reach the verifier as the previous,
 * valid token. A fake that must refuse every altered token cannot allow that.
 */
final class ExactHeaderJettyFactory implements HttpServerFactory {
    @Override
    public HttpServer buildHttpServer(Options options, AdminRequestHandler admin, StubRequestHandler stubs) {
        return new Jetty11HttpServer(options, admin, stubs) {
            @Override
            protected void applyAdditionalServerConfiguration(Server server, Options o) {
                super.applyAdditionalServerConfiguration(server, o);
                for (Connector connector : server.getConnectors()) {
                    for (ConnectionFactory factory : connector.getConnectionFactories()) {
                        if (factory instanceof HttpConfiguration.ConnectionFactory http) {
                            http.getHttpConfiguration().setHeaderCacheCaseSensitive(true);
                        }
                    }
                }
            }
        };
    }
}
