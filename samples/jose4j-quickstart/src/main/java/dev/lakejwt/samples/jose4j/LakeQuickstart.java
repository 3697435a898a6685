package dev.lakejwt.samples.jose4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jose4j.json.JsonUtil;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.ReservedClaimNames;
import org.jose4j.jwx.HeaderParameterNames;
import org.jose4j.lang.JoseException;

/**
 * The VantageCloud Lake quickstart with jose4j: read the {@code LAKE_*} variables, load the
 * {@code primary.pem} the Lake console downloads, sign the Lake JWT with {@link JsonWebSignature}, run
 * {@code SEL * FROM dbc.dbcinfo} through Query Service with {@link HttpClient} and print the rows.
 * jose4j's {@link JsonUtil} writes the query and reads the answer.
 *
 * <p>Easy to get wrong: {@code JwtClaims.setAudience} writes a one-element {@code aud} as a plain
 * string, and Lake wants a JSON array; jose4j's exception messages can hold the whole claims JSON,
 * PAT included, so they are never printed.
 */
public final class LakeQuickstart {
    private static final String AUDIENCE = "td:service:authentication";
    private static final String SQL = "SEL * FROM dbc.dbcinfo";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private LakeQuickstart() {
    }

    public static void main(String[] args) {
        int status = run(System.getenv(), System.out, System.err);
        if (status != 0) {
            System.exit(status); // not on success: mvn exec:java runs main inside Maven's own JVM
        }
    }

    /**
     * The whole quickstart, with {@code env} in place of the process environment. Returns 0, or 1 after
     * one line on {@code err} that names the problem and the fix (never the PAT or the token).
     */
    static int run(Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            // 1. The settings, all from the Lake console (README.md says where each one is).
            URI lakeUrl = lakeUrl(env);
            String system = required(env, "LAKE_SYSTEM", "the Query Service system, e.g. shared_demo");
            String orgId = required(env, "LAKE_ORG_ID", "the id from GET <LAKE_URL>/api/my-organization");
            String user = required(env, "LAKE_USER", "the Lake user who created the PAT and the key");
            String pat = required(env, "LAKE_PAT", "the Personal Access Token from the Lake console");
            Path keyFile = Path.of(optional(env, "LAKE_KEY_FILE", "primary.pem"));
            String keyId = optional(env, "LAKE_KEY_ID", keyFile.getFileName().toString().replaceFirst("\\.pem$", ""));

            // 2. The private key, 3. the signed token, 4. the query, 5. the rows.
            PrivateKey key = loadPrivateKey(keyFile);
            String token = signToken(key, keyId, orgId, user, pat, Instant.now());
            List<?> rows = query(lakeUrl, system, token, SQL);
            printRows(rows, system, out);
            return 0;
        } catch (QuickstartException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    /** Reads the PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}) that the Lake console downloads. */
    static PrivateKey loadPrivateKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            throw new QuickstartException("key file " + file.toAbsolutePath() + " not found: save the private key "
                    + "from the Lake console there, or set LAKE_KEY_FILE to its path");
        } catch (IOException e) {
            throw new QuickstartException("cannot read key file " + file.toAbsolutePath() + " (" + e + ")");
        }
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new QuickstartException(file + " is not an unencrypted PKCS#8 private key (" + begin + "): set "
                    + "LAKE_KEY_FILE to the private key the Lake console downloaded; convert another form with "
                    + "openssl pkcs8 -topk8 -nocrypt -in KEY -out primary.pem");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new QuickstartException(file + " holds no readable RSA private key: download it again from the "
                    + "Lake console");
        }
    }

    /** The Lake JWT: header {@code alg, kid, typ}, then exactly the claims of Lake's quickstart. */
    static String signToken(PrivateKey key, String keyId, String orgId, String user, String pat, Instant now) {
        long issuedAt = now.getEpochSecond();
        JwtClaims claims = new JwtClaims();
        // setAudience(...) with one value writes a plain string ("aud":"td:..."), even from a List, and Lake
        // wants a JSON array. Setting the claim to a list writes the array.
        claims.setClaim(ReservedClaimNames.AUDIENCE, List.of(AUDIENCE));
        claims.setIssuedAt(NumericDate.fromSeconds(issuedAt));
        claims.setExpirationTime(NumericDate.fromSeconds(issuedAt + 3600));
        claims.setIssuer("wiki");
        claims.setClaim("org_id", orgId);
        claims.setClaim("multi-use", true);
        claims.setClaim("pat", pat);
        claims.setSubject(user);

        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setKeyIdHeaderValue(keyId);
        jws.setHeader(HeaderParameterNames.TYPE, "JWT");
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            // Not e.getMessage(): jose4j's messages can carry the whole claims JSON, PAT included.
            throw new QuickstartException("cannot sign the token (" + e.getClass().getSimpleName() + "): "
                    + "LAKE_KEY_FILE must be an RSA private key of at least 2048 bits");
        }
    }

    /** POSTs {@code sql} to Query Service with the token as bearer and returns its rows, one map each. */
    static List<?> query(URI lakeUrl, String system, String token, String sql) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query", sql);
        body.put("logMech", "JWT");
        HttpRequest request = HttpRequest.newBuilder(URI.create(lakeUrl + "/api/tdrest/systems/"
                        + URLEncoder.encode(system, StandardCharsets.UTF_8) + "/queries"))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonUtil.toJson(body)))
                .build();
        HttpResponse<String> response = send(request, lakeUrl);
        if (response.statusCode() != 200) {
            throw new QuickstartException(httpError(response.statusCode(), response.body()));
        }
        Map<String, Object> answer;
        try {
            answer = JsonUtil.parseJson(response.body());
        } catch (JoseException e) {
            throw new QuickstartException("Query Service answered 200 but not with JSON: is LAKE_URL a Lake URL?");
        }
        // The rows of the first (here the only) statement: results[0].data.
        if (answer.get("results") instanceof List<?> results && !results.isEmpty()
                && results.get(0) instanceof Map<?, ?> first && first.get("data") instanceof List<?> rows) {
            return rows;
        }
        return List.of();
    }

    private static HttpResponse<String> send(HttpRequest request, URI lakeUrl) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException e) {
            throw new QuickstartException(lakeUrl.getHost() + " did not answer within " + CONNECT_TIMEOUT.toSeconds()
                    + " s: check LAKE_URL and your network or proxy");
        } catch (HttpTimeoutException e) {
            throw new QuickstartException("Query Service did not answer within " + REQUEST_TIMEOUT.toSeconds()
                    + " s: try again later");
        } catch (ConnectException e) {
            throw new QuickstartException("cannot connect to " + lakeUrl + ": check LAKE_URL");
        } catch (IOException e) {
            throw new QuickstartException("calling " + lakeUrl + " failed (" + e + "): check LAKE_URL");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QuickstartException("interrupted while waiting for Lake");
        }
    }

    /** One line from an error answer: the status, Lake's own code and message, and the likely fix. */
    private static String httpError(int status, String body) {
        String lakeSays;
        try {
            Map<String, Object> error = JsonUtil.parseJson(body);
            String code = String.valueOf(error.getOrDefault("error", "")); // Teradata's error code, e.g. 3807
            Object message = error.getOrDefault("message", "");
            lakeSays = ((code.equals(String.valueOf(status)) ? "" : code) + " " + message).strip();
        } catch (JoseException e) {
            lakeSays = body.lines().findFirst().orElse("").strip();
        }
        String fix = switch (status) {
            case 401 -> "Lake refused the token: check LAKE_KEY_ID (the key's name in the console, without .pem), "
                    + "LAKE_USER, LAKE_ORG_ID, and that the PAT has not expired";
            case 404 -> "no such system or path: check LAKE_SYSTEM and LAKE_URL";
            case 420 -> "the database rejected the SQL (the Teradata error code is shown)";
            case 412 -> "the session is busy or no thread was free in time: try again later";
            case 429 -> "this user has reached its session limit: try again later";
            default -> status >= 500 ? "Lake had a problem: try again later" : "Query Service refused the request";
        };
        return "Lake answered HTTP " + status + (lakeSays.isEmpty() ? "" : " \"" + abbreviate(lakeSays) + "\"")
                + ": " + fix;
    }

    /** Prints one line per row, {@code column=value} in the order of the columns. */
    private static void printRows(List<?> rows, String system, PrintStream out) {
        out.println(rows.size() + " rows from " + SQL + " on " + system + " (token signed with jose4j)");
        for (Object row : rows) {
            List<String> cells = new ArrayList<>();
            ((Map<?, ?>) row).forEach((column, value) -> cells.add(column + "=" + value));
            out.println(String.join(", ", cells));
        }
    }

    private static URI lakeUrl(Map<String, String> env) {
        String text = required(env, "LAKE_URL", "https://<your-org>.innovationlabs.teradata.com");
        try {
            URI url = URI.create(text.replaceAll("/+$", ""));
            if (url.getHost() != null && ("https".equals(url.getScheme()) || "http".equals(url.getScheme()))) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new QuickstartException("LAKE_URL=" + text + " is not an http(s) URL: set it to "
                + "https://<your-org>.innovationlabs.teradata.com");
    }

    private static String required(Map<String, String> env, String name, String meaning) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new QuickstartException(name + " is not set: export " + name + "=<" + meaning + ">");
        }
        return value.strip();
    }

    private static String optional(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** A failure the user can fix; its message is the one line printed, so it never holds a secret. */
    private static final class QuickstartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QuickstartException(String message) {
            super(message);
        }
    }
}
