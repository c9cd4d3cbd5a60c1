package dev.ssekit.samples.docs;

import static dev.ssekit.samples.docs.Xml.children;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The quickstart's {@code pom.xml} and Gradle block, held to the build that compiles the samples:
 * the versions it names are the project's, and a compiler plugin without a version (3.1 on Maven
 * 3.8, which ignores {@code annotationProcessorPaths}) would leave the codecs silently ungenerated.
 * That the pom builds and runs the quickstart is NewcomerBuildTest's business.
 */
class QuickstartPomTest {
  private Element pom;
  private Document parentPom;
  private Document samplesPom;
  private String gradle;

  @BeforeEach
  void read() throws Exception {
    String quickstart = Markdown.section(Docs.readme(), "## Quickstart");
    List<String> xml = Markdown.codeBlocks(quickstart, "xml");
    assertThat(xml).as("```xml blocks under \"## Quickstart\"").hasSize(1);
    pom = parse(xml.get(0)).getDocumentElement();
    List<String> kotlin = Markdown.codeBlocks(quickstart, "kotlin");
    assertThat(kotlin).as("```kotlin blocks under \"## Quickstart\"").hasSize(1);
    gradle = kotlin.get(0);
    parentPom = Xml.parse(Docs.ROOT.resolve("pom.xml"));
    samplesPom = Xml.parse(Docs.MODULE_DIR.resolve("pom.xml"));
  }

  @Test
  void theVersionsAreTheProjectsOwn() {
    Element parent = parentPom.getDocumentElement();
    assertThat(property(pom, "ssekit.version")).isEqualTo(text(parent, "version"));
    assertThat(property(pom, "jersey.version")).isEqualTo(property(parent, "jersey.version"));
    assertThat(property(pom, "maven.compiler.release"))
        .isEqualTo(property(parent, "maven.compiler.release"));
    assertThat(text(child(pom, "dependencyManagement", "dependencies", "dependency"), "artifactId"))
        .isEqualTo("ssekit-bom");
  }

  @Test
  void theCompilerPluginHasTheVersionTheProjectBuildsWithWhichReadsAnnotationProcessorPaths() {
    String version = text(compilerPlugin(pom), "version");
    assertThat(version)
        .as("maven-compiler-plugin <version>; without one Maven 3.8 uses 3.1")
        .isNotNull();
    assertThat(isAtLeast(version, 3, 5))
        .as("maven-compiler-plugin %s reads annotationProcessorPaths (3.5 or later)", version)
        .isTrue();
    assertThat(version)
        .isEqualTo(property(parentPom.getDocumentElement(), "compiler-plugin.version"));
  }

  @Test
  void theProcessorIsOnTheAnnotationProcessorPathAsInTheSamplesBuildAndNotADependency() {
    List<String> path = processorPath(compilerPlugin(pom));

    assertThat(path).containsExactly("dev.ssekit:sse-processor");
    assertThat(path).isEqualTo(processorPath(compilerPlugin(samplesPom.getDocumentElement())));
    assertThat(dependencies(pom)).doesNotContain("dev.ssekit:sse-processor");
  }

  @Test
  void theDependenciesAreModulesOfTheProjectForAServerAndAClient() {
    List<String> modules = texts(child(parentPom.getDocumentElement(), "modules"), "module");
    List<String> ours =
        dependencies(pom).stream()
            .filter(d -> d.startsWith("dev.ssekit:"))
            .map(d -> d.substring("dev.ssekit:".length()))
            .toList();

    assertThat(modules).containsAll(ours);
    assertThat(ours).contains("sse-jaxrs", "sse-client");
  }

  @Test
  void gradleNamesTheSameArtifactsAndVersions() {
    List<String> implementation = gradleCoordinates("implementation");
    List<String> maven = new ArrayList<>();
    for (Element d : children(child(pom, "dependencies"), "dependency")) {
      String version = text(d, "version");
      maven.add(
          text(d, "groupId")
              + ":"
              + text(d, "artifactId")
              + (version == null ? "" : ":" + resolve(version)));
    }
    String bom = "dev.ssekit:ssekit-bom:" + property(pom, "ssekit.version");

    assertThat(implementation).containsExactlyInAnyOrderElementsOf(plus(maven, bom));
    assertThat(gradleCoordinates("annotationProcessor"))
        .containsExactlyInAnyOrder(bom, "dev.ssekit:sse-processor");
  }

  private List<String> gradleCoordinates(String configuration) {
    List<String> coordinates = new ArrayList<>();
    Matcher m = Pattern.compile(configuration + "\\((?:platform\\()?\"([^\"]+)\"").matcher(gradle);
    while (m.find()) {
      coordinates.add(m.group(1));
    }
    return coordinates;
  }

  private String resolve(String value) {
    Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
    return m.matches() ? property(pom, m.group(1)) : value;
  }

  private static List<String> plus(List<String> list, String element) {
    List<String> all = new ArrayList<>(list);
    all.add(element);
    return all;
  }

  private static List<String> dependencies(Element project) {
    List<String> coordinates = new ArrayList<>();
    for (Element d : children(child(project, "dependencies"), "dependency")) {
      coordinates.add(text(d, "groupId") + ":" + text(d, "artifactId"));
    }
    return coordinates;
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
      assertThat(text(path, "version")).as("the processor's <version>").isNotBlank();
    }
    return coordinates;
  }

  private static boolean isAtLeast(String version, int... minimum) {
    int[] parts = Arrays.stream(version.split("\\.")).mapToInt(Integer::parseInt).toArray();
    return Arrays.compare(parts, minimum) >= 0;
  }

  private static String property(Element project, String name) {
    return text(project, "properties", name);
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
}
