package dev.lakejwt.benchmarks.report;

import dev.lakejwt.benchmarks.report.ReportData.SigningRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Draws {@code docs/images/signing-throughput.svg}: one horizontal bar chart per algorithm (RS256,
 * then ES256), a group of bars per JCA provider (the raw signature, then each signer), JMH's error as
 * a whisker, each bar labelled with its rate and its ratio to the raw signature, and
 * {@code openssl speed} as a dashed reference line. Readable without the table.
 *
 * <p>Easy to get wrong: every panel has its own scale (ES256 runs ten times faster than RS256), and
 * the axis starts at zero so bar lengths compare honestly.
 */
public final class SvgChart {
    private static final int WIDTH = 980;
    private static final int LABEL = 190;
    private static final int VALUES = 190;
    private static final int PLOT = WIDTH - LABEL - VALUES;
    private static final int ROW = 20;
    private static final int BAR = 14;
    private static final int GROUP_HEAD = 24;
    private static final int PANEL_HEAD = 58;
    private static final int AXIS = 46;
    private static final List<String> PANELS = List.of("RS256", "ES256");
    private static final String FONT = "font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\"";

    private SvgChart() {
    }

    /** The whole SVG document for {@code data}. */
    public static String render(ReportData data) {
        List<String> panels = new ArrayList<>();
        int y = 0;
        StringBuilder body = new StringBuilder();
        for (String alg : PANELS) {
            List<SigningRow> rows = data.signingRows(alg).stream().filter(r -> !r.signer().equals("raw (reused)")).toList();
            if (rows.isEmpty()) {
                continue;
            }
            y = panel(body, data, alg, rows, y);
            panels.add(alg);
        }
        int height = y + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" ")
                .append(FONT).append(" font-size=\"12\">\n");
        svg.append("<title>lakejwt: JWT signing throughput per signer and JCA provider (")
                .append(String.join(", ", panels)).append(")</title>\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append(body);
        legend(svg, height - 26);
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static int panel(StringBuilder svg, ReportData data, String alg, List<SigningRow> rows, int top) {
        OptionalDouble openssl = data.openssl(alg);
        double max = rows.stream().mapToDouble(r -> r.result().score() + err(r.result())).max().orElse(1);
        if (openssl.isPresent()) {
            max = Math.max(max, openssl.getAsDouble());
        }
        double step = niceStep(max / 5);
        double axisMax = Math.ceil(max * 1.02 / step) * step;
        String keyType = alg.equals("ES256") ? "EC P-256" : "RSA-2048";
        text(svg, 12, top + 24, "start", "bold", 15, alg + " (" + keyType + "): complete tokens per second, one thread "
                + "(higher is better)");
        text(svg, 12, top + 44, "start", "normal", 12, data.machine().cpu() + ", " + data.machine().cores()
                + " cores, JDK " + data.run().jdk() + ", " + data.date());
        int plotTop = top + PANEL_HEAD;
        int groups = (int) rows.stream().map(SigningRow::provider).distinct().count();
        int plotBottom = plotTop + groups * GROUP_HEAD + rows.size() * ROW + 4;
        axis(svg, plotTop, plotBottom, axisMax, step);
        int y = plotTop;
        String provider = null;
        for (SigningRow row : rows) {
            if (!row.provider().equals(provider)) {
                provider = row.provider();
                svg.append("<g stroke=\"#ffffff\" stroke-width=\"4\" paint-order=\"stroke\">");
                text(svg, 12, y + 16, "start", "bold", 12, provider.equals("accp")
                        ? "accp provider (Amazon Corretto Crypto Provider, native)" : "jdk provider (the JDK's default)");
                svg.append("</g>\n");
                y += GROUP_HEAD;
            }
            bar(svg, row, y, axisMax);
            y += ROW;
        }
        if (openssl.isPresent()) {
            double x = x(openssl.getAsDouble(), axisMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\" "
                    + "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n", x, plotTop - 4, x, plotBottom));
            text(svg, x, plotTop - 7, x > LABEL + PLOT * 0.6 ? "end" : "start", "normal", 11,
                    "openssl speed " + (alg.equals("ES256") ? "ecdsap256" : "rsa2048") + ": "
                            + MarkdownReport.rate(openssl.getAsDouble()) + " sign/s", "#c0392b");
        }
        return plotBottom + AXIS;
    }

    private static void bar(StringBuilder svg, SigningRow row, int y, double axisMax) {
        JmhResult r = row.result();
        boolean raw = row.signer().equals("raw");
        boolean accp = row.provider().equals("accp");
        String fill = raw ? (accp ? "#8e4b10" : "#2c3e50") : (accp ? "#e67e22" : "#5d8aa8");
        String label = raw ? "raw Signature" : row.signer() + " signer";
        text(svg, LABEL - 8, y + 12, "end", raw ? "bold" : "normal", 12, label);
        double width = x(r.score(), axisMax) - LABEL;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\">"
                + "<title>%s</title></rect>\n", LABEL, y + 1, Math.max(width, 0.5), BAR, fill,
                escape(label + ", " + row.alg() + ", provider " + row.provider() + ": " + MarkdownReport.rate(r.score())
                        + " ± " + MarkdownReport.rate(r.error()) + " per second")));
        double e = err(r);
        if (e > 0) {
            double lo = x(Math.max(r.score() - e, 0), axisMax);
            double hi = x(r.score() + e, axisMax);
            int mid = y + 1 + BAR / 2;
            svg.append(String.format(Locale.ROOT, "<path d=\"M%.1f %dH%.1fM%.1f %dv8M%.1f %dv8\" stroke=\"#111\" "
                    + "stroke-width=\"1\" fill=\"none\"/>\n", lo, mid, hi, lo, mid - 4, hi, mid - 4));
        }
        String value = MarkdownReport.rate(r.score()) + "/s" + (raw || row.toRaw().isEmpty() ? ""
                : "  (" + MarkdownReport.ratio(row.toRaw()) + "× raw)");
        text(svg, LABEL + PLOT + 8, y + 12, "start", "normal", 12, value);
    }

    private static void axis(StringBuilder svg, int top, int bottom, double axisMax, double step) {
        for (double v = 0; v <= axisMax + step / 2; v += step) {
            double x = x(v, axisMax);
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>\n",
                    x, top, x, bottom, v == 0 ? "#333" : "#e3e3e3"));
            text(svg, x, bottom + 15, "middle", "normal", 11, MarkdownReport.rate(v));
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n",
                LABEL, bottom, LABEL + PLOT, bottom));
        text(svg, LABEL + PLOT / 2.0, bottom + 33, "middle", "normal", 12,
                "tokens (or raw signatures) per second, one thread; whiskers: JMH 99.9% error");
    }

    private static void legend(StringBuilder svg, int y) {
        String[][] items = {{"#2c3e50", "raw signature, jdk provider"}, {"#5d8aa8", "signer, jdk provider"},
                {"#8e4b10", "raw signature, accp"}, {"#e67e22", "signer, accp"}};
        double x = 12;
        for (String[] item : items) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>\n",
                    x, y - 11, item[0]));
            text(svg, x + 20, y, "start", "normal", 12, item[1]);
            x += 40 + item[1].length() * 6.6;
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#c0392b\" "
                + "stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n", x, y - 4, x + 24, y - 4));
        text(svg, x + 30, y, "start", "normal", 12, "openssl speed, same machine");
    }

    private static double err(JmhResult r) {
        return Double.isNaN(r.error()) ? 0 : r.error();
    }

    private static double x(double value, double axisMax) {
        return LABEL + PLOT * value / axisMax;
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code raw}. */
    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static void text(StringBuilder svg, double x, int y, String anchor, String weight, int size, String text) {
        text(svg, x, y, anchor, weight, size, text, "#111");
    }

    private static void text(StringBuilder svg, double x, int y, String anchor, String weight, int size, String text,
                             String color) {
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\" font-weight=\"%s\" "
                + "font-size=\"%d\" fill=\"%s\">%s</text>\n", x, y, anchor, weight, size, color, escape(text)));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
