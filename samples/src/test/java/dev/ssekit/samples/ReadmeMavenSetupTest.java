package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * The README's Maven setup, read with a real XML parser and held to the build that compiles these
 * samples: a compiler plugin without a version is 3.1 on Maven 3.8, which ignores {@code
 * annotationProcessorPaths}, and the codecs are then silently not generated.
 */
class ReadmeMavenSetupTest {
  private Element snippet;
  private Document parentPom;
  private Document samplesPom;

  @BeforeEach
  void read() throws Exception {
    String maven = Readme.section(Readme.section(Readme.text(), "### Setting it up"), "#### Maven");
    List<String> blocks = Readme.codeBlocks(maven, "xml");
    assertThat(blocks).as("```xml blocks under \"#### Maven\"").hasSize(1);
    // The snippet is a piece of a pom (dependencies, build), so it gets a root of its own.
    snippet = parse("<snippet>" + blocks.get(0) + "</snippet>").getDocumentElement();
    parentPom = parse(Readme.MODULE_DIR.resolveSibling("pom.xml"));
    samplesPom = parse(Readme.MODULE_DIR.resolve("pom.xml"));
  }

  @Test
  void theCompilerPluginHasTheVersionTheProjectBuildsWithWhichReadsAnnotationProcessorPaths() {
    Element plugin = compilerPlugin(snippet);

    String version = text(plugin, "version");
    assertThat(version)
        .as("maven-compiler-plugin <version>; without one Maven 3.8 uses 3.1")
        .isNotNull();
    assertThat(isAtLeast(version, 3, 5))
        .as("maven-compiler-plugin %s reads annotationProcessorPaths (3.5 or later)", version)
        .isTrue();
    assertThat(version).isEqualTo(property(parentPom, "compiler-plugin.version"));
    assertThat(text(plugin, "configuration", "release"))
        .isEqualTo(property(parentPom, "maven.compiler.release"));
  }

  @Test
  void theProcessorIsOnTheAnnotationProcessorPathAsInTheSamplesBuild() {
    List<String> readme = processorPath(compilerPlugin(snippet));

    assertThat(readme).containsExactly("dev.ssekit:sse-processor");
    assertThat(readme).isEqualTo(processorPath(compilerPlugin(samplesPom.getDocumentElement())));
    assertThat(
            text(
                child(compilerPlugin(snippet), "configuration", "annotationProcessorPaths"),
                "path",
                "version"))
        .isNotBlank();
  }

  @Test
  void theDependenciesAreModulesOfTheProjectForAServerAndAClientAndNotTheProcessor() {
    List<String> modules = texts(child(parentPom.getDocumentElement(), "modules"), "module");
    Element dependencies = child(snippet, "dependencies");
    assertThat(dependencies).as("<dependencies>").isNotNull();
    List<String> artifacts = new ArrayList<>();
    for (Element dependency : children(dependencies, "dependency")) {
      assertThat(text(dependency, "groupId")).isEqualTo("dev.ssekit");
      assertThat(text(dependency, "version")).isNotBlank();
      artifacts.add(text(dependency, "artifactId"));
    }

    assertThat(modules).containsAll(artifacts);
    assertThat(artifacts)
        .as("the processor belongs on the processor path only")
        .doesNotContain("sse-processor")
        .contains("sse-client")
        .containsAnyOf("sse-jaxrs", "sse-hub");
  }

  private static Element compilerPlugin(Element root) {
    Element plugins = child(root, "build", "plugins");
    assertThat(plugins).as("<build><plugins>").isNotNull();
    return children(plugins, "plugin").stream()
        .filter(p -> "maven-compiler-plugin".equals(text(p, "artifactId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no maven-compiler-plugin in <build><plugins>"));
  }

  private static List<String> processorPath(Element compilerPlugin) {
    Element paths = child(compilerPlugin, "configuration", "annotationProcessorPaths");
    assertThat(paths).as("<configuration><annotationProcessorPaths>").isNotNull();
    List<String> coordinates = new ArrayList<>();
    for (Element path : children(paths, "path")) {
      coordinates.add(text(path, "groupId") + ":" + text(path, "artifactId"));
    }
    return coordinates;
  }

  private static boolean isAtLeast(String version, int... minimum) {
    int[] parts = Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    return Arrays.compare(parts, minimum) >= 0;
  }

  private static String property(Document pom, String name) {
    return text(pom.getDocumentElement(), "properties", name);
  }

  /** The element at the end of {@code path}, following the first child of each name. */
  private static Element child(Element from, String... path) {
    Element at = from;
    for (String name : path) {
      if (at == null) {
        return null;
      }
      List<Element> matches = children(at, name);
      at = matches.isEmpty() ? null : matches.get(0);
    }
    return at;
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> found = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && name.equals(e.getTagName())) {
        found.add(e);
      }
    }
    return found;
  }

  private static String text(Element from, String... path) {
    Element e = child(from, path);
    return e == null ? null : e.getTextContent().strip();
  }

  private static List<String> texts(Element parent, String name) {
    return children(parent, name).stream().map(e -> e.getTextContent().strip()).toList();
  }

  private static Document parse(String xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new InputSource(new StringReader(xml)));
  }

  private static Document parse(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }
}
