package dev.ssekit.apibaseline;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Checks that each library module's public API is exactly the one committed in {@code
 * api/<artifactId>.api}, so that every change to it is deliberate and shows in review. With {@code
 * -Dssekit.api.update=true} it rewrites the files instead.
 *
 * <p>The build names the modules in system properties {@code ssekit.api.module.<artifactId>=<module
 * name>}; each is found on the test class path by its module name, so the dump is made from exactly
 * the jar that Maven resolved. See this module's pom.
 */
class ApiBaselineTest {
  static final String UPDATE_COMMAND = "mvn -pl api-baseline -am verify -Dssekit.api.update=true";

  private static final String MODULE_PREFIX = "ssekit.api.module.";

  @Test
  void publicApiMatchesTheCommittedBaseline() throws Exception {
    Path dir = Path.of(required("ssekit.api.dir")).normalize();
    boolean update = Boolean.getBoolean("ssekit.api.update");
    Map<String, Path> artifacts = artifacts();
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Path> artifact : artifacts.entrySet()) {
      String artifactId = artifact.getKey();
      LibraryModule library = LibraryModule.read(artifact.getValue());
      String actual = header(artifactId) + ApiDump.of(library, getClass().getClassLoader());
      Path file = dir.resolve(artifactId + ".api");
      String expected = Files.exists(file) ? read(file) : null;
      if (actual.equals(expected)) {
        continue;
      }
      if (update) {
        Files.createDirectories(dir);
        Files.writeString(file, actual, StandardCharsets.UTF_8);
        System.out.println("[api-baseline] wrote " + file);
      } else if (expected == null) {
        problems.add("There is no API baseline " + file + " for " + artifactId + ".");
      } else {
        problems.add(difference(artifactId, file, expected, actual));
      }
    }
    if (!problems.isEmpty()) {
      fail(
          String.join("\n\n", problems)
              + "\n\nIf the change is deliberate, rewrite the baseline with\n    "
              + UPDATE_COMMAND
              + "\nand commit the changed api/*.api files with the change.");
    }
  }

  /**
   * The jar of each module to check, by artifactId, found on the class path by module name. Skips
   * the check when the reactor gave classes directories instead of jars ({@code mvn test}): a
   * directory has no manifest, so an automatic module's name cannot be read from it.
   */
  private static Map<String, Path> artifacts() {
    Path ownBuild = Path.of(required("ssekit.api.build")).toAbsolutePath().normalize();
    Map<String, Path> byModuleName = new HashMap<>();
    List<Path> directories = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath().normalize();
      if (Files.isDirectory(path) && !path.startsWith(ownBuild)) {
        directories.add(path);
      }
      String name = LibraryModule.nameOf(path);
      if (name != null) {
        byModuleName.putIfAbsent(name, path);
      }
    }
    assumeTrue(
        directories.isEmpty(),
        () ->
            "The API check reads the library jars, and the class path has classes directories "
                + directories
                + "; it runs in `mvn verify`.");
    Map<String, Path> artifacts = new TreeMap<>();
    for (String key : System.getProperties().stringPropertyNames()) {
      if (key.startsWith(MODULE_PREFIX)) {
        String artifactId = key.substring(MODULE_PREFIX.length());
        String moduleName = required(key);
        Path jar = byModuleName.get(moduleName);
        if (jar == null) {
          fail(
              "No jar on the class path is module "
                  + moduleName
                  + " (set for "
                  + artifactId
                  + " in api-baseline/pom.xml): is it a dependency of api-baseline, and is that"
                  + " its module name (module-info or Automatic-Module-Name)?");
        }
        artifacts.put(artifactId, jar);
      }
    }
    if (artifacts.isEmpty()) {
      fail("No " + MODULE_PREFIX + "<artifactId> system properties: run this test with Maven.");
    }
    return artifacts;
  }

  private static String header(String artifactId) {
    return "# The public API of "
        + artifactId
        + ", written by the api-baseline module; do not edit.\n"
        + "# After a deliberate change: "
        + UPDATE_COMMAND
        + "\n";
  }

  private static String difference(String artifactId, Path file, String expected, String actual) {
    List<String> diff = LineDiff.of(expected.lines().toList(), actual.lines().toList());
    if (diff.isEmpty()) {
      diff = List.of("(only the line break at the end of the file differs)");
    }
    long removed = diff.stream().filter(l -> l.startsWith("-")).count();
    long added = diff.stream().filter(l -> l.startsWith("+")).count();
    return "The public API of "
        + artifactId
        + " differs from "
        + file
        + " (- removed: "
        + removed
        + ", + added: "
        + added
        + "):\n"
        + String.join("\n", diff);
  }

  /** The file's text with line ends normalised, in case a checkout converted them. */
  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      fail("System property " + property + " is not set: run this test with Maven.");
    }
    return value;
  }
}
