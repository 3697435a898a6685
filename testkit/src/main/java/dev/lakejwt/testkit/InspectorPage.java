package dev.lakejwt.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.lakejwt.testkit.verify.Verdict;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The token inspector at {@code /__lake/}: the recent requests with their decoded header and claims
 * (PAT masked), verdict and rejection reason, as one static HTML page with inline CSS; and the same
 * data as JSON at {@code /__lake/journal.json} for scripts in other languages.
 */
final class InspectorPage {
    static final int SHOWN = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private InspectorPage() {
    }

    static Reply serve(FakeLake lake, String path, String method) {
        if (!method.equals("GET") && !method.equals("HEAD")) {
            return Reply.error(405, "405", "the inspector is read-only: use GET").withHeader("Allow", "GET");
        }
        if (path.equals(LakeServer.INSPECTOR) || path.equals(LakeServer.INSPECTOR + "/")) {
            return new Reply(200, "text/html", html(lake), Map.of("Cache-Control", "no-store"));
        }
        if (path.equals(LakeServer.INSPECTOR + "/journal.json")) {
            return Reply.json(200, journalJson(lake)).withHeader("Cache-Control", "no-store");
        }
        return Reply.error(404, "404", "the inspector has /__lake/ and /__lake/journal.json");
    }

    static Map<String, Object> journalJson(FakeLake lake) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("organization", Map.of("id", lake.orgId(), "name", lake.orgName()));
        root.put("baseUrl", lake.baseUrl().toString());
        root.put("entries", lake.journal().newest(SHOWN).stream().map(InspectorPage::entryJson).toList());
        return root;
    }

    private static Map<String, Object> entryJson(JournalEntry e) {
        Verdict v = e.verdict();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", e.sequence());
        m.put("receivedAt", e.receivedAt().toString());
        m.put("method", e.method());
        m.put("path", e.path());
        m.put("status", e.status());
        m.put("verdict", v.accepted() ? "ACCEPTED" : "REJECTED");
        m.put("reason", v.reason().map(Enum::name).orElse(null));
        m.put("message", v.message());
        m.put("fault", e.fault().orElse(null));
        m.put("header", v.header());
        m.put("claims", v.maskedClaims());
        return m;
    }

    private static String html(FakeLake lake) {
        List<JournalEntry> entries = lake.journal().newest(SHOWN);
        long accepted = entries.stream().filter(JournalEntry::accepted).count();
        StringBuilder h = new StringBuilder(8192);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<link rel=\"icon\" href=\"data:,\">")
                .append("<title>Fake Lake token inspector</title><style>").append(CSS).append("</style></head><body>\n")
                .append("<header><h1>Fake Lake token inspector</h1><p class=\"meta\">organization <code>")
                .append(esc(lake.orgName())).append("</code> id <code>").append(esc(lake.orgId()))
                .append("</code> &middot; <code>").append(esc(lake.baseUrl().toString())).append("</code> &middot; ")
                .append("<span class=\"count accepted\">").append(accepted).append(" accepted</span> ")
                .append("<span class=\"count rejected\">").append(entries.size() - accepted).append(" rejected</span>")
                .append(" &middot; newest first, last ").append(SHOWN).append(" &middot; <a href=\"")
                .append(LakeServer.INSPECTOR).append("/journal.json\">JSON</a></p></header>\n<main>\n");
        if (entries.isEmpty()) {
            h.append("<p class=\"empty\">No request yet. Send one to <code>").append(esc(lake.baseUrl().toString()))
                    .append(LakeApi.QS).append("/").append(esc(lake.systems().get(0)))
                    .append("/queries</code> with <code>Authorization: Bearer &lt;token&gt;</code>.</p>\n");
        }
        for (JournalEntry e : entries) {
            entry(h, e);
        }
        return h.append("</main></body></html>\n").toString();
    }

    private static void entry(StringBuilder h, JournalEntry e) {
        Verdict v = e.verdict();
        String verdictClass = v.accepted() ? "accepted" : "rejected";
        h.append("<section class=\"entry ").append(verdictClass).append("\" id=\"entry-").append(e.sequence())
                .append("\" data-verdict=\"").append(esc(v.code())).append("\">\n<div class=\"line\">")
                .append("<span class=\"seq\">#").append(e.sequence()).append("</span>")
                .append("<span class=\"time\">").append(TIME.format(e.receivedAt())).append("</span>")
                .append("<span class=\"request\"><b>").append(esc(e.method())).append("</b> ")
                .append(esc(e.path())).append("</span>")
                .append("<span class=\"status\">").append(e.status() == 0 ? "reset" : String.valueOf(e.status()))
                .append("</span><span class=\"badge ").append(verdictClass).append("\">")
                .append(v.accepted() ? "ACCEPTED" : esc(v.code())).append("</span>");
        e.fault().ifPresent(f -> h.append("<span class=\"fault\">fault: ").append(esc(f)).append("</span>"));
        h.append("</div>\n<p class=\"message\">").append(esc(v.message())).append("</p>\n");
        v.token().ifPresent(t -> t.issuedAt().ifPresent(iat -> t.expiresAt().ifPresent(exp -> h
                .append("<p class=\"times\">iat ").append(iat).append(" &middot; exp ").append(exp)
                .append(" &middot; lifetime ").append(esc(Duration.between(iat, exp).toString()
                        .substring(2).toLowerCase(Locale.ROOT))).append("</p>\n"))));
        if (v.token().isPresent()) {
            h.append("<div class=\"decoded\"><div><h2>header</h2><pre>").append(esc(pretty(v.header())))
                    .append("</pre></div><div><h2>claims (pat masked)</h2><pre>").append(esc(pretty(v.maskedClaims())))
                    .append("</pre></div></div>\n");
        }
        h.append("</section>\n");
    }

    private static String pretty(Object value) {
        try {
            return Reply.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 && c != '\n' && c != '\t' ? '\uFFFD' : c);
            }
        }
        return out.toString();
    }

    private static final String CSS = """
            :root{--ok:#17803d;--okbg:#e8f6ec;--bad:#b42318;--badbg:#fdecea;--ink:#1d2433;--mute:#5b6475;--line:#d9dee7}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#f5f7fa}
            header{padding:16px 24px;background:#1d2433;color:#fff}
            header h1{margin:0 0 4px;font-size:20px}
            header .meta{margin:0;color:#c9d1e0}
            header code{color:#fff}
            header a{color:#9cc3ff}
            .count{font-weight:600;padding:1px 8px;border-radius:10px}
            .count.accepted{background:var(--ok)}
            .count.rejected{background:var(--bad)}
            main{padding:16px 24px;max-width:1200px}
            .empty{color:var(--mute)}
            .entry{background:#fff;border:1px solid var(--line);border-left:6px solid var(--line);border-radius:6px;margin:0 0 12px;padding:10px 14px}
            .entry.accepted{border-left-color:var(--ok)}
            .entry.rejected{border-left-color:var(--bad)}
            .line{display:flex;flex-wrap:wrap;gap:12px;align-items:center}
            .seq{color:var(--mute);font-weight:600}
            .time{color:var(--mute);font-family:ui-monospace,Menlo,Consolas,monospace}
            .request{font-family:ui-monospace,Menlo,Consolas,monospace;word-break:break-all;flex:1}
            .status{font-weight:600}
            .badge{font-weight:700;padding:2px 10px;border-radius:4px;letter-spacing:.02em}
            .badge.accepted{color:var(--ok);background:var(--okbg)}
            .badge.rejected{color:var(--bad);background:var(--badbg)}
            .fault{color:#8a4b00;background:#fff4e0;padding:2px 8px;border-radius:4px}
            .message{margin:6px 0;color:var(--ink)}
            .times{margin:0 0 6px;color:var(--mute);font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12.5px}
            .entry.rejected .message{color:var(--bad)}
            .decoded{display:grid;grid-template-columns:1fr 2fr;gap:12px}
            .decoded h2{font-size:12px;text-transform:uppercase;color:var(--mute);margin:4px 0}
            pre{margin:0;padding:8px 10px;background:#f5f7fa;border-radius:4px;overflow-x:auto;font-size:12.5px}
            """;
}
