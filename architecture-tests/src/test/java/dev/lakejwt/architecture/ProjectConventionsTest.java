package dev.lakejwt.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Conventions of the repository that are not about bytecode: Javadoc, README and CI. */
class ProjectConventionsTest {
    private static final Path ROOT = Path.of(System.getProperty("lakejwt.root", "..")).toAbsolutePath().normalize();
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^\\s*(public|protected)\\s+((static|final|abstract|sealed|non-sealed|strictfp)\\s+)*"
                    + "(class|interface|record|enum|@interface)\\s+(\\w+)");

    @Test
    void everyPublicTypeInMainCodeHasJavadoc() throws IOException {
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(ROOT)) {
            sources = walk.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList();
        }
        assertThat(sources).as("main sources found under %s", ROOT).isNotEmpty();

        List<String> missing = new ArrayList<>();
        for (Path source : sources) {
            missing.addAll(publicTypesWithoutJavadoc(source));
        }

        assertThat(missing).as("public types without Javadoc").isEmpty();
    }

    @Test
    void theJavadocCheckSeesAMissingComment() throws IOException {
        Path file = Files.createTempFile("Undocumented", ".java");
        Files.writeString(file, "package x;\n\n/** Documented. */\n@Deprecated\npublic final class A {\n"
                + "    public static final class Inner {\n    }\n}\n");

        assertThat(publicTypesWithoutJavadoc(file)).singleElement().asString().endsWith("Inner");
    }

    @Test
    void theJavadocCheckLooksPastMultiLineAnnotations() throws IOException {
        Path file = Files.createTempFile("Annotated", ".java");
        Files.writeString(file, "package x;\n\n/** Documented. */\n@Command(name = \"x\",\n        description = {\n"
                + "            \"a (b)\"})\npublic final class A {\n    @Command(name = \"y\",\n        footer = \"z\")\n"
                + "    public static final class Undocumented {\n    }\n}\n");

        assertThat(publicTypesWithoutJavadoc(file)).singleElement().asString().endsWith("Undocumented");
    }

    @Test
    void readmeStartsWithExactlyTheTwoCommandsAndCiRunsTheTestCommand() throws IOException {
        List<String> commands = firstCodeBlock(Files.readString(ROOT.resolve("README.md")));

        assertThat(commands).hasSize(2);
        assertThat(commands.get(0)).isEqualTo("./lakejwt demo");
        String testCommand = commands.get(1);
        List<String> ciLines = Files.readAllLines(ROOT.resolve(".ci/run")).stream().map(String::trim)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertThat(ciLines).as(".ci/run ends by running README's test command").last().isEqualTo("exec " + testCommand);
    }

    private static List<String> firstCodeBlock(String markdown) {
        Matcher m = Pattern.compile("```[a-z]*\\n(.*?)```", Pattern.DOTALL).matcher(markdown);
        assertThat(m.find()).as("README has a code block").isTrue();
        return m.group(1).lines().map(l -> l.replaceAll("\\s+#.*$", "").trim()).filter(l -> !l.isEmpty()).toList();
    }

    static List<String> publicTypesWithoutJavadoc(Path source) throws IOException {
        List<String> lines = Files.readAllLines(source);
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = PUBLIC_TYPE.matcher(lines.get(i));
            if (!m.find()) {
                continue;
            }
            int j = i - 1;
            int openParentheses = 0;
            while (j >= 0) {
                String line = lines.get(j).trim();
                int balance = count(line, ')') - count(line, '(');
                if (openParentheses > 0 || balance > 0) {
                    openParentheses += balance; // inside a multi-line annotation such as picocli's @Command(...)
                } else if (!line.isEmpty() && !line.startsWith("@")) {
                    break;
                }
                j--;
            }
            if (j < 0 || !lines.get(j).trim().endsWith("*/") || !opensJavadoc(lines, j)) {
                missing.add(ROOT.relativize(source.toAbsolutePath().normalize()) + ": " + m.group(5));
            }
        }
        return missing;
    }

    private static int count(String line, char c) {
        return (int) line.chars().filter(ch -> ch == c).count();
    }

    private static boolean opensJavadoc(List<String> lines, int end) {
        for (int k = end; k >= 0; k--) {
            String line = lines.get(k).trim();
            if (line.startsWith("/**")) {
                return true;
            }
            if (line.startsWith("/*")) {
                return false;
            }
        }
        return false;
    }
}
