package dev.lakejwt.samples.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Just enough of a POM for the checks here, read with the JDK's XML parser: coordinates, parent,
 * properties, dependencies, plugins and modules. {@code ${...}} resolves against the POM's own
 * properties only (no inheritance), which is all a parentless sample has.
 */
final class Pom {
    private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

    private final Element project;

    private Pom(Element project) {
        this.project = project;
    }

    static Pom read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
    }

    static Pom read(InputStream in) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(in);
            return new Pom(doc.getDocumentElement());
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("not a POM: " + e.getMessage(), e);
        }
    }

    /** A dependency or plugin as written, with {@code ${...}} resolved. */
    record Artifact(String groupId, String artifactId, String version, String type, String scope) {
        String key() {
            return groupId + ":" + artifactId;
        }
    }

    String groupId() {
        return text(project, "groupId").or(() -> parent().map(Artifact::groupId)).orElseThrow();
    }

    String artifactId() {
        return text(project, "artifactId").orElseThrow();
    }

    String version() {
        return text(project, "version").or(() -> parent().map(Artifact::version)).orElseThrow();
    }

    String packaging() {
        return text(project, "packaging").orElse("jar");
    }

    Optional<Artifact> parent() {
        return child(project, "parent").map(this::artifact);
    }

    /** The parent's {@code relativePath}, Maven's default {@code ../pom.xml} when absent. */
    Optional<String> parentRelativePath() {
        return child(project, "parent").map(p -> text(p, "relativePath").orElse("../pom.xml"));
    }

    Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        child(project, "properties").ifPresent(p -> children(p).forEach(e -> properties.put(e.getTagName(),
                e.getTextContent().trim())));
        return properties;
    }

    List<String> modules() {
        return child(project, "modules").map(m -> children(m).stream().map(e -> e.getTextContent().trim()).toList())
                .orElse(List.of());
    }

    List<Artifact> dependencies() {
        return child(project, "dependencies").map(this::artifacts).orElse(List.of());
    }

    List<Artifact> managedDependencies() {
        return child(project, "dependencyManagement").flatMap(m -> child(m, "dependencies")).map(this::artifacts)
                .orElse(List.of());
    }

    /** Plugins of {@code build/plugins} and {@code build/pluginManagement/plugins}. */
    List<Artifact> plugins() {
        List<Artifact> plugins = new ArrayList<>();
        child(project, "build").ifPresent(build -> {
            child(build, "plugins").ifPresent(p -> plugins.addAll(artifacts(p)));
            child(build, "pluginManagement").flatMap(m -> child(m, "plugins")).ifPresent(p -> plugins.addAll(artifacts(p)));
        });
        return plugins;
    }

    /** {@code value} with every {@code ${name}} replaced by the property or the project's version. */
    String resolve(String value) {
        if (value == null) {
            return null;
        }
        Map<String, String> properties = properties();
        Matcher m = PROPERTY.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = name.equals("project.version") ? version() : properties.getOrDefault(name, m.group());
            m.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        return m.appendTail(resolved).toString();
    }

    private List<Artifact> artifacts(Element list) {
        return children(list).stream().map(this::artifact).toList();
    }

    private Artifact artifact(Element e) {
        String groupId = text(e, "groupId").orElse(e.getTagName().equals("plugin") ? "org.apache.maven.plugins" : null);
        return new Artifact(resolve(groupId), resolve(text(e, "artifactId").orElse(null)),
                resolve(text(e, "version").orElse(null)), text(e, "type").orElse("jar"),
                text(e, "scope").orElse("compile"));
    }

    private static Optional<String> text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim());
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst();
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                children.add(e);
            }
        }
        return children;
    }
}
