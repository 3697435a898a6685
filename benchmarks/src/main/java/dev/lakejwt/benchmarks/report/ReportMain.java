package dev.lakejwt.benchmarks.report;

import dev.lakejwt.core.LakeConfigException;
import dev.lakejwt.core.sign.JcaProviders;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Properties;

/**
 * Renders {@code docs/benchmarks.md} (its generated block) and the SVG chart from a JMH JSON result
 * and {@code openssl speed} output; {@code benchmarks/run.sh} calls it as
 * {@code java -cp benchmarks.jar dev.lakejwt.benchmarks.report.ReportMain --jmh results.json …}.
 * Library versions come from the Maven metadata inside the jar, so they are the ones measured.
 *
 * <p>Easy to get wrong: run it from the same {@code benchmarks.jar} that produced the JSON, or the
 * versions printed are the other jar's.
 */
public final class ReportMain {
    private static final List<String[]> LIBRARIES = List.of(
            new String[] {"lakejwt", "dev.lakejwt", "lakejwt-core"},
            new String[] {"jjwt", "io.jsonwebtoken", "jjwt-impl"},
            new String[] {"nimbus-jose-jwt", "com.nimbusds", "nimbus-jose-jwt"},
            new String[] {"jose4j", "org.bitbucket.b_c", "jose4j"},
            new String[] {"Jackson", "com.fasterxml.jackson.core", "jackson-databind"},
            new String[] {"JMH", "org.openjdk.jmh", "jmh-core"});
    private static final String USAGE = "usage: ReportMain --jmh RESULT.json --markdown docs/benchmarks.md --svg "
            + "docs/images/signing-throughput.svg [--openssl-rsa FILE] [--openssl-ec FILE] [--openssl-version TEXT] "
            + "[--command TEXT] [--jmh-command TEXT] [--load TEXT] [--date TEXT] [--summary docs/choosing-a-library.md]";

    private ReportMain() {
    }

    /** Renders the report; exits with 2 and the usage on a missing or unknown argument. */
    public static void main(String[] args) throws IOException {
        Map<String, String> options;
        try {
            options = options(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ReportMain: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
            return;
        }
        Path markdown = Path.of(options.get("markdown"));
        Path svg = Path.of(options.get("svg"));
        ReportData data = data(options);
        Files.createDirectories(svg.toAbsolutePath().getParent());
        Files.writeString(svg, SvgChart.render(data));
        String page = Files.exists(markdown) ? Files.readString(markdown) : null;
        String chart = markdown.toAbsolutePath().getParent().relativize(svg.toAbsolutePath()).toString().replace('\\', '/');
        Files.createDirectories(markdown.toAbsolutePath().getParent());
        Files.writeString(markdown, MarkdownReport.splice(page, MarkdownReport.render(data, chart)));
        System.out.println("wrote " + markdown + " and " + svg);
        if (options.containsKey("summary")) {
            Path summary = Path.of(options.get("summary"));
            String existing = Files.exists(summary) ? Files.readString(summary) : null;
            Files.writeString(summary, MarkdownReport.splice(existing, MarkdownReport.summary(data),
                    MarkdownReport.SUMMARY_BEGIN, MarkdownReport.SUMMARY_END));
            System.out.println("wrote the speed summary in " + summary);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> known = List.of("jmh", "markdown", "svg", "openssl-rsa", "openssl-ec", "openssl-version", "command",
                "jmh-command", "load", "date", "summary");
        for (int i = 0; i < args.length; i += 2) {
            String name = args[i].startsWith("--") ? args[i].substring(2) : "";
            if (!known.contains(name) || i + 1 >= args.length) {
                throw new IllegalArgumentException("unknown or incomplete argument '" + args[i] + "'");
            }
            options.put(name, args[i + 1]);
        }
        for (String required : List.of("jmh", "markdown", "svg")) {
            if (!options.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required");
            }
        }
        return options;
    }

    static ReportData data(Map<String, String> options) throws IOException {
        JmhRun run = JmhRun.read(Path.of(options.get("jmh")));
        OptionalDouble rsa = OpensslSpeed.rsa2048Signs(read(options.get("openssl-rsa")));
        OptionalDouble ec = OpensslSpeed.ecdsaP256Signs(read(options.get("openssl-ec")));
        Map<String, String> versions = versions();
        if (options.containsKey("openssl-version")) {
            versions.put("OpenSSL", options.get("openssl-version").replaceFirst("^OpenSSL\\s+", "").split("\\s+")[0]);
        }
        String date = options.getOrDefault("date",
                ZonedDateTime.now(ZoneOffset.UTC).withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        return new ReportData(run, rsa, ec, machine(options.getOrDefault("load", "not recorded")), versions,
                options.getOrDefault("command", "(not recorded)"), options.getOrDefault("jmh-command", "(not recorded)"),
                date);
    }

    private static String read(String file) throws IOException {
        return file == null || !Files.exists(Path.of(file)) ? "" : Files.readString(Path.of(file));
    }

    /** The measured libraries' versions, from the Maven metadata bundled in the jar, plus ACCP's own. */
    static Map<String, String> versions() throws IOException {
        Map<String, String> versions = new LinkedHashMap<>();
        for (String[] library : LIBRARIES) {
            String resource = "/META-INF/maven/" + library[1] + "/" + library[2] + "/pom.properties";
            try (InputStream in = ReportMain.class.getResourceAsStream(resource)) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    versions.put(library[0], properties.getProperty("version", "?"));
                }
            }
        }
        try {
            versions.put("ACCP", JcaProviders.named(JcaProviders.ACCP).map(p -> p.getVersionStr()).orElse("?"));
        } catch (LakeConfigException e) {
            versions.put("ACCP", "not available");
        }
        return versions;
    }

    static ReportData.Machine machine(String load) {
        String cpu = System.getProperty("os.arch");
        Path cpuinfo = Path.of("/proc/cpuinfo");
        try {
            if (Files.isReadable(cpuinfo)) {
                cpu = Files.readAllLines(cpuinfo, StandardCharsets.UTF_8).stream()
                        .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                        .findFirst().orElse(cpu);
            }
        } catch (IOException e) {
            // keep the architecture as the CPU description
        }
        return new ReportData.Machine(cpu, Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                load);
    }
}
