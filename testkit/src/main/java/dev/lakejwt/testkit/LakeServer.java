package dev.lakejwt.testkit;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.lakejwt.testkit.verify.Verdict;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WireMock extension that makes WireMock a fake Lake: for every stub response (the fake's own
 * catch-all and any stub a test adds through {@link FakeLake#wireMock()}) it verifies the bearer
 * token with the JDK-only verifier, applies injected faults and latency, routes the Lake API, serves
 * the inspector, and journals the request.
 */
final class LakeServer implements ResponseDefinitionTransformerV2 {
    static final String NAME = "lakejwt-fake-lake";
    static final String INSPECTOR = "/__lake";
    private static final Logger LOG = LoggerFactory.getLogger(LakeServer.class);
    private static final int MAX_JOURNALED_BODY = 64 * 1024;

    private final FakeLake lake;
    private volatile UUID catchAllStub;

    LakeServer(FakeLake lake) {
        this.lake = lake;
    }

    void catchAllStub(StubMapping stub) {
        this.catchAllStub = stub.getId();
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return true;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
        LoggedRequest request = event.getRequest();
        try {
            return serve(event, request);
        } catch (RuntimeException | Error e) {
            LOG.error("the fake Lake failed on {} {}; this is a lakejwt bug", request.getMethod(), pathOf(request), e);
            return toDefinition(Reply.error(500, "500", "the fake Lake failed (" + e.getClass().getSimpleName()
                    + "): this is a lakejwt bug, please report it"), null, null);
        }
    }

    private ResponseDefinition serve(ServeEvent event, LoggedRequest request) {
        String url = request.getUrl();
        String path = pathOf(request);
        String method = request.getMethod().getName().toUpperCase(Locale.ROOT);
        if (path.equals(INSPECTOR) || path.startsWith(INSPECTOR + "/")) {
            return toDefinition(InspectorPage.serve(lake, path, method), null, null);
        }
        Verdict verdict = lake.verifier().verifyAuthorization(request.getHeader("Authorization"));
        LakeFault fault = lake.takeFault();
        Latency latency = lake.currentLatency();

        ResponseDefinition definition;
        int status;
        if (fault != null && fault.kind() == LakeFault.Kind.CONNECTION_RESET) {
            definition = new ResponseDefinitionBuilder().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
            status = 0;
        } else if (fault != null && fault.kind() == LakeFault.Kind.STATUS) {
            Reply reply = Reply.error(fault.httpStatus(), fault.errorCode(), fault.message());
            if (fault.retryAfter().isPresent()) {
                reply = reply.withHeader("Retry-After", String.valueOf(fault.retryAfter().get().toSeconds()));
            }
            definition = toDefinition(reply, latency, null);
            status = reply.status();
        } else {
            Long extraDelay = fault != null ? fault.delay().toMillis() : null;
            if (verdict.rejected()) {
                Reply reply = rejection(verdict);
                definition = toDefinition(reply, latency, extraDelay);
                status = reply.status();
            } else if (!isCatchAll(event.getStubMapping())) {
                ResponseDefinition stubbed = event.getResponseDefinition();
                definition = delayed(ResponseDefinitionBuilder.like(stubbed), latency, extraDelay).build();
                status = stubbed.getStatus();
            } else {
                Reply reply = lake.api().handle(method, path, bodyOf(request), verdict.subject().orElseThrow());
                definition = toDefinition(reply, latency, extraDelay);
                status = reply.status();
            }
        }
        lake.journal().add(new JournalEntry(lake.journal().nextSequence(), lake.clock().instant(), method, url, status,
                verdict, fault == null ? null : fault.toString(), journaledBody(request), headersOf(request)));
        return definition;
    }

    private static Reply rejection(Verdict verdict) {
        Map<String, Object> body = new LinkedHashMap<>();
        String reason = verdict.reason().orElseThrow().name();
        body.put("error", "401");
        body.put("message", "token rejected (" + reason + "): " + verdict.message());
        body.put("reason", reason);
        return Reply.json(401, body).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }

    private boolean isCatchAll(StubMapping stub) {
        return stub == null || stub.getId() == null || stub.getId().equals(catchAllStub);
    }

    private static ResponseDefinition toDefinition(Reply reply, Latency latency, Long extraDelay) {
        ResponseDefinitionBuilder b = new ResponseDefinitionBuilder().withStatus(reply.status());
        if (reply.contentType() != null) {
            b.withHeader("Content-Type", reply.contentType() + (reply.contentType().startsWith("text/")
                    ? "; charset=utf-8" : ""));
        }
        reply.headers().forEach(b::withHeader);
        if (!reply.body().isEmpty()) {
            b.withBody(reply.body().getBytes(StandardCharsets.UTF_8));
        }
        return delayed(b, latency, extraDelay).build();
    }

    private static ResponseDefinitionBuilder delayed(ResponseDefinitionBuilder b, Latency latency, Long extraDelay) {
        long millis = extraDelay == null ? 0 : extraDelay;
        if (latency != null && !latency.isNone()) {
            long min = latency.min().toMillis();
            long max = latency.max().toMillis();
            millis += min == max ? min : ThreadLocalRandom.current().nextLong(min, max + 1);
        }
        return millis > 0 ? b.withFixedDelay((int) Math.min(millis, Integer.MAX_VALUE)) : b;
    }

    private static String pathOf(LoggedRequest request) {
        String url = request.getUrl();
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String bodyOf(LoggedRequest request) {
        byte[] body = request.getBody();
        return body == null ? "" : new String(body, StandardCharsets.UTF_8);
    }

    private static String journaledBody(LoggedRequest request) {
        String body = bodyOf(request);
        return body.length() > MAX_JOURNALED_BODY ? body.substring(0, MAX_JOURNALED_BODY) + "…" : body;
    }

    private static Map<String, String> headersOf(LoggedRequest request) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (request.getHeaders() != null) {
            for (HttpHeader h : request.getHeaders().all()) {
                String name = h.key().toLowerCase(Locale.ROOT);
                if (!name.equals("authorization") && !h.values().isEmpty()) {
                    headers.putIfAbsent(name, h.firstValue());
                }
            }
        }
        return headers;
    }
}
