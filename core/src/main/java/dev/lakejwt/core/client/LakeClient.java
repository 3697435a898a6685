package dev.lakejwt.core.client;

import dev.lakejwt.core.LakeApiException;
import dev.lakejwt.core.LakeConnectionException;
import dev.lakejwt.core.internal.Redact;
import dev.lakejwt.core.token.TokenSource;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client for Lake's REST APIs on {@link java.net.http.HttpClient}: Query Service queries,
 * system aliases and the caller's organization. Every request carries {@code Authorization: Bearer}
 * from a {@link TokenSource}. After a 401 the client invalidates that token and retries once with a
 * fresh one; 429 and 503 are retried per the {@link RetryPolicy}, honouring {@code Retry-After};
 * everything else becomes a {@link LakeApiException}. Immutable and thread-safe.
 *
 * <p>Easy to get wrong: SQL errors are HTTP <b>420</b> on Lake, with the Teradata code (e.g.
 * {@code 3807}) in {@link LakeApiException#errorCode()}; and the request timeout must be longer than
 * any {@code queryTimeout} you ask Lake for.
 */
public final class LakeClient {
    private static final Logger LOG = LoggerFactory.getLogger(LakeClient.class);
    /** What the quickstart sends, and what Lake's samples use. */
    public static final String DEFAULT_ACCEPT = "application/json";

    private final String baseUrl;
    private final TokenSource tokens;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final RetryPolicy retryPolicy;
    private final String accept;
    private final Sleeper sleeper;

    private LakeClient(Builder b) {
        this.baseUrl = stripTrailingSlash(Objects.requireNonNull(b.baseUrl, "baseUrl").toString());
        this.tokens = Objects.requireNonNull(b.tokens, "tokens");
        this.requestTimeout = Objects.requireNonNull(b.requestTimeout, "requestTimeout");
        this.retryPolicy = Objects.requireNonNull(b.retryPolicy, "retryPolicy");
        this.accept = Objects.requireNonNull(b.accept, "accept");
        this.sleeper = Objects.requireNonNull(b.sleeper, "sleeper");
        this.http = b.httpClient != null ? b.httpClient
                : HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * A builder for a client of the Lake at {@code baseUrl} (e.g. {@code https://myorg.innovationlabs.teradata.com}).
     */
    public static Builder builder(URI baseUrl, TokenSource tokens) {
        return new Builder(baseUrl, tokens);
    }

    /** Runs SQL on {@code system} with Lake's default options. */
    public QueryResult query(String system, String sql) {
        return query(system, sql, QueryOptions.DEFAULTS);
    }

    /** Runs SQL on {@code system}: {@code POST /api/tdrest/systems/{system}/queries}. */
    public QueryResult query(String system, String sql, QueryOptions options) {
        requireText(system, "system");
        requireText(sql, "sql");
        Objects.requireNonNull(options, "options");
        String path = "/api/tdrest/systems/" + pathSegment(system) + "/queries";
        String body;
        try {
            body = ResponseParser.json(options.requestBody(sql));
        } catch (IOException e) {
            throw new IllegalArgumentException("query options cannot be written as JSON: " + e.getMessage(), e);
        }
        HttpResponse<String> response = send("POST", path, body);
        try {
            return options.format() == ResultFormat.CSV && isCsv(response)
                    ? ResponseParser.csvResult(response.body())
                    : ResponseParser.queryResult(response.body());
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, response, e);
        }
    }

    /** The system aliases Query Service knows: {@code GET /api/tdrest/systems}. */
    public List<LakeSystem> systems() {
        String path = "/api/tdrest/systems";
        HttpResponse<String> response = send("GET", path, null);
        try {
            return ResponseParser.systems(response.body());
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, response, e);
        }
    }

    /** The caller's organization, whose id is the {@code org_id} claim: {@code GET /api/my-organization}. */
    public Organization myOrganization() {
        String path = "/api/my-organization";
        HttpResponse<String> response = send("GET", path, null);
        try {
            return ResponseParser.organization(response.body());
        } catch (IOException | RuntimeException e) {
            throw unreadable(path, response, e);
        }
    }

    private HttpResponse<String> send(String method, String path, String body) {
        URI uri = URI.create(baseUrl + path);
        boolean retriedAuth = false;
        int attempt = 1;
        Duration waited = Duration.ZERO;
        while (true) {
            String token = tokens.token();
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(requestTimeout)
                    .header("Accept", accept)
                    .header("Authorization", "Bearer " + token);
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response = exchange(request.build(), method, path);
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            if (status == 401 && !retriedAuth) {
                LOG.debug("{} {} answered 401; retrying once with a freshly signed token", method, path);
                tokens.invalidate(token);
                retriedAuth = true;
                continue;
            }
            if ((status == 429 || status == 503) && attempt < retryPolicy.maxAttempts()) {
                Duration delay = retryAfter(response).orElse(retryPolicy.backoff(attempt));
                if (waited.plus(delay).compareTo(retryPolicy.maxTotalWait()) <= 0) {
                    LOG.debug("{} {} answered {}; retry {} in {} ms", method, path, status, attempt, delay.toMillis());
                    sleep(delay);
                    waited = waited.plus(delay);
                    attempt++;
                    continue;
                }
                throw failure(method, path, response, " (gave up: waiting " + human(delay)
                        + " more would pass the retry budget of " + human(retryPolicy.maxTotalWait()) + ")");
            }
            throw failure(method, path, response, attempt > 1 ? " (after " + attempt + " attempts)" : "");
        }
    }

    private HttpResponse<String> exchange(HttpRequest request, String method, String path) {
        String host = request.uri().getHost() + (request.uri().getPort() > 0 ? ":" + request.uri().getPort() : "");
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new LakeConnectionException("could not connect to " + host + ": timed out; check LAKE_URL and "
                    + "the network path to Lake", e);
        } catch (HttpTimeoutException e) {
            throw new LakeConnectionException(host + " did not answer " + method + " " + path + " within "
                    + human(requestTimeout) + " (request timeout); the query may still be running", e);
        } catch (ConnectException e) {
            throw new LakeConnectionException("could not connect to " + host + ": connection refused or unreachable; "
                    + "check LAKE_URL", e);
        } catch (IOException e) {
            throw new LakeConnectionException("request to " + host + " failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeConnectionException("interrupted while waiting for " + host, e);
        }
    }

    private void sleep(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakeConnectionException("interrupted while waiting to retry", e);
        }
    }

    private LakeApiException failure(String method, String path, HttpResponse<String> response, String suffix) {
        int status = response.statusCode();
        String[] error = ResponseParser.error(response.body());
        String code = error[0];
        String lakeMessage = error[1] == null ? null : Redact.scrub(error[1], List.of());
        StringBuilder message = new StringBuilder("Lake answered ").append(status).append(" to ")
                .append(method).append(' ').append(path).append(suffix).append(": ");
        if (lakeMessage != null) {
            message.append(code == null ? "" : "[" + code + "] ").append(lakeMessage);
        } else {
            message.append(snippet(response.body()));
        }
        message.append(hint(status));
        return new LakeApiException(message.toString(), status, code, lakeMessage);
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> ". The token was refused even freshly signed; likely causes: the kid does not match the key "
                    + "name in the Lake console, the PAT expired or belongs to another user or environment, "
                    + "the org_id is wrong, or the key was revoked";
            case 404 -> ". Check the system name (LAKE_SYSTEM) and the base URL (LAKE_URL)";
            case 420 -> " (a database error: the SQL ran and Teradata rejected it)";
            case 429 -> ". The user reached the session limit";
            default -> "";
        };
    }

    private LakeApiException unreadable(String path, HttpResponse<String> response, Exception e) {
        return new LakeApiException("Lake answered " + response.statusCode() + " to " + path
                + " but the body is not the expected JSON (" + e.getClass().getSimpleName() + "): "
                + snippet(response.body()), response.statusCode(), null, null);
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        String flat = Redact.scrub(body, List.of()).replaceAll("\\s+", " ").trim();
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static boolean isCsv(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").map(v -> v.toLowerCase(Locale.ROOT).contains("csv"))
                .orElse(false);
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }

    private static String human(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static String pathSegment(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    @Override
    public String toString() {
        return "LakeClient[" + baseUrl + "]";
    }

    /** Configures a {@link LakeClient}; base URL and token source are required, the rest has defaults. */
    public static final class Builder {
        private final URI baseUrl;
        private final TokenSource tokens;
        private HttpClient httpClient;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration requestTimeout = Duration.ofSeconds(60);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private String accept = DEFAULT_ACCEPT;
        private Sleeper sleeper = Sleeper.THREAD_SLEEP;

        private Builder(URI baseUrl, TokenSource tokens) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            String scheme = baseUrl.getScheme();
            if (!"https".equalsIgnoreCase(scheme) && !"http".equalsIgnoreCase(scheme) || baseUrl.getHost() == null) {
                throw new IllegalArgumentException("the Lake URL must be http(s)://host[:port], e.g. "
                        + "https://myorg.innovationlabs.teradata.com; got " + baseUrl);
            }
            this.baseUrl = baseUrl;
            this.tokens = tokens;
        }

        /** A preconfigured client (TLS trust, proxy, executor); the connect timeout is then its own. */
        public Builder httpClient(HttpClient httpClient) {
            this.httpClient = httpClient;
            return this;
        }

        /** Default 10 s. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long to wait for each answer; default 60 s. */
        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        /** The Accept header; default {@code application/json}. Query Service's canonical value is
         * {@code application/vnd.com.teradata.rest-v1.0+json}. */
        public Builder accept(String accept) {
            this.accept = accept;
            return this;
        }

        public Builder sleeper(Sleeper sleeper) {
            this.sleeper = sleeper;
            return this;
        }

        public LakeClient build() {
            return new LakeClient(this);
        }
    }
}
