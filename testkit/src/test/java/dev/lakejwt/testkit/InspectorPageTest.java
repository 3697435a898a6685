package dev.lakejwt.testkit;

import static dev.lakejwt.testkit.LakeHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The token inspector at /__lake/: in a real browser, as JSON, and escaped against hostile claims. */
class InspectorPageTest {
    /** Where the documentation's screenshot lives; {@code -Dlakejwt.updateScreenshot=true} refreshes it. */
    static final Path DOCS_SCREENSHOT = Path.of(System.getProperty("lakejwt.root", ".."), "docs", "images",
            "token-inspector.png");

    private static HttpResponse<String> get(FakeLake lake, String path) throws Exception {
        return lake.httpClient().send(HttpRequest.newBuilder(URI.create(lake.baseUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void headlessChromiumShowsTheAcceptedAndTheRejectedRequestWithItsReason() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        try (FakeLake lake = FakeLake.start()) {
            lake.clock().set(Instant.parse("2026-03-01T12:00:00Z"));
            LakeIdentity me = lake.newIdentity("demo_user");
            LakeHttp http = new LakeHttp(lake, me);
            assertThat(http.query("{\"query\":\"SEL * FROM dbc.dbcinfo\",\"logMech\":\"JWT\"}").statusCode()).isEqualTo(200);
            String wrongKid = TokenForge.of(me).header("kid", "primary.pem").sign();
            assertThat(TokenRejectionTest.send(lake, "Bearer " + wrongKid).statusCode()).isEqualTo(401);

            String dom = chromium.dumpDom(lake.inspectorUrl());

            assertThat(count(dom, "<section class=\"entry accepted\"")).as(dom).isEqualTo(1);
            assertThat(count(dom, "<section class=\"entry rejected\"")).isEqualTo(1);
            assertThat(dom).contains("data-verdict=\"UNKNOWN_KID\"")
                    .contains("kid 'primary.pem' is not a registered key of user 'demo_user'; did you mean 'primary'?")
                    .contains("<span class=\"badge accepted\">ACCEPTED</span>")
                    .contains("<span class=\"badge rejected\">UNKNOWN_KID</span>")
                    .contains("\"pat\" : \"&lt;redacted&gt;\"")
                    .doesNotContain(me.pat());
            assertThat(dom.indexOf("UNKNOWN_KID")).as("newest first").isLessThan(dom.indexOf(">ACCEPTED<"));
            assertThat(lake.journal().size()).as("the browser's visit is not a Lake request").isEqualTo(2);

            Path png = Path.of("target", "token-inspector.png");
            Files.createDirectories(png.getParent());
            chromium.screenshot(lake.inspectorUrl(), png, 1100, 720);
            BufferedImage image = ImageIO.read(png.toFile());
            assertThat(image.getWidth()).isEqualTo(1100);
            assertThat(image.getHeight()).isEqualTo(720);
            if (Boolean.getBoolean("lakejwt.updateScreenshot")) {
                Files.createDirectories(DOCS_SCREENSHOT.getParent());
                Files.copy(png, DOCS_SCREENSHOT, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Test
    void theDocumentationKeepsAScreenshotOfThePage() throws Exception {
        BufferedImage image = ImageIO.read(DOCS_SCREENSHOT.toFile());

        assertThat(image).as("%s is a PNG", DOCS_SCREENSHOT).isNotNull();
        assertThat(image.getWidth()).isGreaterThan(600);
    }

    @Test
    void theJournalIsAlsoServedAsJsonWithThePatMasked() throws Exception {
        try (FakeLake lake = FakeLake.start()) {
            LakeIdentity me = lake.newIdentity("demo_user");
            new LakeHttp(lake, me).get("/api/my-organization");
            lake.failNext(1, LakeFault.serviceUnavailable());
            TokenRejectionTest.send(lake, null);

            JsonNode journal = json(get(lake, "/__lake/journal.json"));

            assertThat(journal.get("organization").get("id").textValue()).isEqualTo(lake.orgId());
            JsonNode newest = journal.get("entries").get(0);
            JsonNode oldest = journal.get("entries").get(1);
            assertThat(newest.get("verdict").textValue()).isEqualTo("REJECTED");
            assertThat(newest.get("reason").textValue()).isEqualTo("MISSING_AUTHORIZATION");
            assertThat(newest.get("status").intValue()).isEqualTo(503);
            assertThat(newest.get("fault").textValue()).isEqualTo("503");
            assertThat(oldest.get("verdict").textValue()).isEqualTo("ACCEPTED");
            assertThat(oldest.get("claims").get("pat").textValue()).isEqualTo("<redacted>");
            assertThat(oldest.get("header").get("kid").textValue()).isEqualTo("primary");
            assertThat(journal.toString()).doesNotContain(me.pat());
        }
    }

    @Test
    void hostileClaimsAreEscapedNotRendered() throws Exception {
        try (FakeLake lake = FakeLake.start()) {
            LakeIdentity me = lake.newIdentity("demo_user");
            TokenRejectionTest.send(lake, "Bearer " + TokenForge.of(me).claim("sub", "<script>alert('x')</script>")
                    .header("kid", "<img src=x onerror=alert(1)>").sign());

            String html = get(lake, "/__lake/").body();

            assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x")
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        }
    }

    @Test
    void theInspectorNeedsNoTokenIsNotJournaledAndIsReadOnly() throws Exception {
        try (FakeLake lake = FakeLake.start()) {
            HttpResponse<String> page = get(lake, "/__lake/");
            HttpResponse<String> post = lake.httpClient().send(HttpRequest.newBuilder(lake.inspectorUrl())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("No request yet").contains("/api/tdrest/systems/shared_demo/queries");
            assertThat(get(lake, "/__lake").statusCode()).isEqualTo(200);
            assertThat(get(lake, "/__lake/nothing").statusCode()).isEqualTo(404);
            assertThat(post.statusCode()).isEqualTo(405);
            assertThat(lake.journal().isEmpty()).isTrue();
        }
    }

    private static int count(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
