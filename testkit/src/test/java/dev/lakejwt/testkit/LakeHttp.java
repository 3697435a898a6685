package dev.lakejwt.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw HTTP calls to a fake Lake as a given identity, for assertions on exact status codes and bodies. */
final class LakeHttp {
    private final FakeLake lake;
    private final LakeIdentity identity;

    LakeHttp(FakeLake lake, LakeIdentity identity) {
        this.lake = lake;
        this.identity = identity;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    HttpResponse<String> post(String path, String body) {
        return send("POST", path, body);
    }

    HttpResponse<String> delete(String path) {
        return send("DELETE", path, null);
    }

    /** POST …/systems/{system}/queries with {@code body}. */
    HttpResponse<String> query(String body) {
        return post("/api/tdrest/systems/" + lake.defaultSystem() + "/queries", body);
    }

    HttpResponse<String> send(String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(lake.baseUrl() + path))
                .header("Accept", "application/json")
                .header("Authorization", identity.authorization());
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return lake.httpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return TokenForge.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }
}
