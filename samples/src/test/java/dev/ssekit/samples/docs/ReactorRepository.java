package dev.ssekit.samples.docs;

import static dev.ssekit.samples.docs.Xml.children;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;

/**
 * The project's published artifacts, built in this tree, laid out as a remote Maven repository: the
 * parent pom, the BOM, and each library module the BOM names (its pom.xml and its packaged jar).
 *
 * <p>A SNAPSHOT is staged as {@code mvn deploy} leaves it on a snapshot repository: files named
 * with a timestamp and build number, and a {@code maven-metadata.xml} per version that maps {@code
 * X-SNAPSHOT} to them. Maven 3.8.7 would also take a bare {@code X-SNAPSHOT.jar} when the metadata
 * is missing, but only after looking for the metadata in every snapshot repository; the metadata
 * makes the staged build the one it picks, as a user's build would from a real one.
 */
final class ReactorRepository {
  static final String GROUP_ID = "dev.ssekit";

  /** What staging needs and did not find, such as a library jar that was never packaged. */
  static final class NotBuiltException extends Exception {
    private static final long serialVersionUID = 1L;

    NotBuiltException(String message) {
      super(message);
    }
  }

  private final Path root;
  private final String version;
  private final String timestamp;

  private ReactorRepository(Path root, String version, ZonedDateTime now) {
    this.root = root;
    this.version = version;
    this.timestamp = DateTimeFormatter.ofPattern("yyyyMMdd.HHmmss").format(now);
  }

  /** The project's version: the root pom's {@code <version>}. */
  static String projectVersion() {
    return text(pom(Docs.ROOT.resolve("pom.xml")), "version");
  }

  /**
   * Writes the parent pom, the BOM and every library module into {@code repository} (which must not
   * exist yet).
   *
   * @throws NotBuiltException if a library module's jar is not in its {@code target/}, as after
   *     {@code mvn test} or a build of the samples alone
   */
  static void stage(Path repository) throws NotBuiltException {
    ReactorRepository staging =
        new ReactorRepository(repository, projectVersion(), ZonedDateTime.now(ZoneOffset.UTC));
    staging.add("ssekit-parent", Docs.ROOT.resolve("pom.xml"), null);
    Path bom = Docs.ROOT.resolve("bom/pom.xml");
    staging.add("ssekit-bom", bom, null);
    for (String artifactId : libraryModules(bom)) {
      Path module = Docs.ROOT.resolve(artifactId);
      Path jar = module.resolve("target/" + artifactId + "-" + staging.version + ".jar");
      if (!Files.isRegularFile(jar)) {
        throw new NotBuiltException(
            "no "
                + Docs.name(jar)
                + ": the library modules must be packaged first (mvn verify or mvn package)");
      }
      staging.add(artifactId, module.resolve("pom.xml"), jar);
    }
  }

  /** The artifacts the BOM manages, each the directory of its module. */
  private static List<String> libraryModules(Path bom) {
    Element management = child(pom(bom), "dependencyManagement");
    List<String> modules = new ArrayList<>();
    for (Element dependency : children(child(management, "dependencies"), "dependency")) {
      if (GROUP_ID.equals(text(dependency, "groupId"))) {
        modules.add(text(dependency, "artifactId"));
      }
    }
    if (modules.isEmpty()) {
      throw new IllegalStateException(Docs.name(bom) + " manages no " + GROUP_ID + " artifact");
    }
    return modules;
  }

  private void add(String artifactId, Path pom, Path jar) {
    String declared = text(pom(pom), "artifactId");
    if (!artifactId.equals(declared)) {
      throw new IllegalStateException(Docs.name(pom) + " is " + declared + ", not " + artifactId);
    }
    Path dir = root.resolve(GROUP_ID.replace('.', '/')).resolve(artifactId).resolve(version);
    boolean snapshot = version.endsWith("-SNAPSHOT");
    String fileVersion =
        snapshot
            ? version.substring(0, version.length() - "SNAPSHOT".length()) + timestamp + "-1"
            : version;
    try {
      Files.createDirectories(dir);
      copy(pom, dir.resolve(artifactId + "-" + fileVersion + ".pom"));
      if (jar != null) {
        copy(jar, dir.resolve(artifactId + "-" + fileVersion + ".jar"));
      }
      if (snapshot) {
        Files.writeString(
            dir.resolve("maven-metadata.xml"),
            snapshotMetadata(
                artifactId, fileVersion, jar == null ? List.of("pom") : List.of("pom", "jar")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String snapshotMetadata(String artifactId, String fileVersion, List<String> extensions) {
    String updated = timestamp.replace(".", "");
    StringBuilder versions = new StringBuilder();
    for (String extension : extensions) {
      versions.append(
          """
                <snapshotVersion>
                  <extension>%s</extension>
                  <value>%s</value>
                  <updated>%s</updated>
                </snapshotVersion>
          """
              .formatted(extension, fileVersion, updated));
    }
    return """
    <?xml version="1.0" encoding="UTF-8"?>
    <metadata modelVersion="1.1.0">
      <groupId>%s</groupId>
      <artifactId>%s</artifactId>
      <version>%s</version>
      <versioning>
        <snapshot>
          <timestamp>%s</timestamp>
          <buildNumber>1</buildNumber>
        </snapshot>
        <lastUpdated>%s</lastUpdated>
        <snapshotVersions>
    %s    </snapshotVersions>
      </versioning>
    </metadata>
    """
        .formatted(GROUP_ID, artifactId, version, timestamp, updated, versions);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Element pom(Path file) {
    return Xml.parse(file).getDocumentElement();
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    if (found.isEmpty()) {
      throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
    }
    return found.get(0);
  }

  private static String text(Element parent, String name) {
    return child(parent, name).getTextContent().strip();
  }
}
