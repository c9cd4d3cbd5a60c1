package dev.ssekit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart followed by a newcomer: a fresh Maven project outside the reactor, made
 * only of what the quickstart says (its {@code pom.xml} block, the three sources in the directory
 * it names), built and run with the command it gives by the Maven that runs this build, against the
 * artifacts this build packaged. A missing dependency, a plugin version that ignores the processor
 * or a wrong path fails here before it fails a user.
 *
 * <p>The inner build sees the project's artifacts as a user sees a snapshot repository: {@link
 * ReactorRepository} stages them in {@code target/newcomer/staging}, and a settings.xml puts that
 * repository first, then the outer build's local repository as a read-only cache of releases
 * (snapshots disabled, so a stale {@code dev.ssekit} snapshot installed there never wins), then
 * Maven Central for whatever the cache lacks. Its own local repository starts empty on every run.
 * Maven 3.8.7 refuses {@code file:} repositories in offline mode, so the inner build is never
 * offline; it reaches Central only for what the local repository lacks (exec-maven-plugin's and
 * maven-resources-plugin 2.6's dependencies on a fresh machine, a few seconds).
 *
 * <p>The library jars must be packaged: in a full {@code mvn verify} they are, since the library
 * modules precede the samples in the reactor. Without them ({@code mvn test}, or {@code -pl
 * samples} on a clean tree) the test skips with a message, and fails on CI ({@code CI=true}).
 *
 * <p>Not covered: the Gradle block (no Gradle on the machine; QuickstartPomTest holds its
 * coordinates to the pom's), Maven versions other than the one running this build (3.8.7 on CI),
 * the published artifacts on a real repository, a user's own settings (mirrors, proxies), and the
 * browser half of the quickstart's prose ({@code new EventSource('/greetings')}).
 */
class NewcomerBuildTest {
  private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(4);
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\\e\\[[0-9;]*m");
  private static final Path WORK = Docs.MODULE_DIR.resolve("target/newcomer");

  @Test
  void theQuickstartBuildsAndRunsAsANewProjectWithOnlyWhatTheReadmeSays() throws Exception {
    String quickstart = Markdown.section(Docs.readme(), "## Quickstart");
    Path mavenHome = requiredDirectory("ssekit.maven.home");
    Path userRepository = requiredDirectory("ssekit.maven.localRepository");
    deleteRecursively(WORK);
    Path staging = WORK.resolve("staging");
    try {
      ReactorRepository.stage(staging);
    } catch (ReactorRepository.NotBuiltException e) {
      skipOrFailOnCi(e.getMessage());
    }

    Path project = WORK.resolve("greetings");
    writeProject(quickstart, project);
    Path settings = WORK.resolve("settings.xml");
    Files.writeString(settings, settings(staging, userRepository));
    List<String> command = new ArrayList<>();
    command.add(mavenHome.resolve("bin/mvn").toString());
    command.add("-B"); // batch mode, as on CI: no prompts, no progress bars
    command.add("-s");
    command.add(settings.toString());
    command.add("-Dmaven.repo.local=" + WORK.resolve("repository"));
    command.addAll(readmeArguments(quickstart));

    Path stdout = WORK.resolve("build.out");
    Path stderr = WORK.resolve("build.err");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(project.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    long started = System.nanoTime();
    Process build = builder.start();
    try {
      boolean exited = build.waitFor(BUILD_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - started);
      String report = report(command, took, stdout, stderr);

      assertThat(exited).as("the build finished within %s%s", BUILD_TIMEOUT, report).isTrue();
      assertThat(build.exitValue()).as("the build's exit code%s", report).isZero();
      assertThat(printed(stdout))
          .as("what the build printed (with -q, only the program's output)%s", report)
          .containsExactlyElementsOf(expectedOutput(quickstart));
    } finally {
      build.descendants().forEach(ProcessHandle::destroyForcibly);
      build.destroyForcibly();
    }
  }

  /**
   * The quickstart's project: its one {@code ```xml} block as pom.xml, and the sources of the
   * directory it links to in the directory it says they go in.
   */
  private static void writeProject(String quickstart, Path project) throws IOException {
    List<String> poms = Markdown.codeBlocks(quickstart, "xml");
    assertThat(poms).as("```xml blocks under \"## Quickstart\"").hasSize(1);
    Matcher placement =
        Pattern.compile("go in `([^`]+)`; they are\\s+\\[[^\\]]*\\]\\(([^)]+)\\)")
            .matcher(quickstart);
    assertThat(placement.find())
        .as("the quickstart says where its sources go (\"go in `dir`; they are [..](link)\")")
        .isTrue();
    Path sources = Docs.ROOT.resolve(placement.group(2));
    Path target = project.resolve(placement.group(1));
    List<Path> files;
    try (Stream<Path> listing = Files.list(sources)) {
      files = listing.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    assertThat(files).as("the sources in %s", sources).isNotEmpty();

    Files.createDirectories(target);
    for (Path file : files) {
      Files.copy(file, target.resolve(file.getFileName()));
    }
    Files.writeString(project.resolve("pom.xml"), poms.get(0));
    // A project of its own: Maven looks upwards for .mvn/ to find the project's root, and would
    // otherwise take this repository's (and its maven.config).
    Files.createDirectories(project.resolve(".mvn"));
  }

  /** The arguments of the quickstart's command, "`mvn ...` prints", after {@code mvn}. */
  private static List<String> readmeArguments(String quickstart) {
    Matcher run = Pattern.compile("`mvn ([^`]+)` prints").matcher(quickstart);
    assertThat(run.find()).as("the quickstart's command: \"`mvn ...` prints\"").isTrue();
    return List.of(run.group(1).strip().split("\\s+"));
  }

  /** The lines of the first plain code block after the command: what the program prints. */
  private static List<String> expectedOutput(String quickstart) {
    String afterCommand = quickstart.substring(quickstart.indexOf("` prints"));
    List<String> blocks = Markdown.codeBlocks(afterCommand, "");
    assertThat(blocks).as("a ``` block after the quickstart's command").isNotEmpty();
    List<String> lines = blocks.get(0).lines().toList();
    assertThat(lines)
        .as("the output the README shows")
        .isNotEmpty()
        .allMatch(l -> l.startsWith("received "));
    return lines;
  }

  /**
   * Settings whose one active profile adds, before Central, the staged artifacts and the user's
   * local repository as a cache of releases; the same for plugins.
   */
  private static String settings(Path staging, Path userRepository) {
    String repositories =
        repository("ssekit-staging", staging, true)
            + repository("local-cache", userRepository, false);
    return """
    <settings>
      <profiles>
        <profile>
          <id>newcomer</id>
          <repositories>
    %s      </repositories>
          <pluginRepositories>
    %s      </pluginRepositories>
        </profile>
      </profiles>
      <activeProfiles>
        <activeProfile>newcomer</activeProfile>
      </activeProfiles>
    </settings>
    """
        .formatted(repositories, repositories.replace("repository>", "pluginRepository>"));
  }

  /** A file: repository; its missing checksum files are no error (a local repository has none). */
  private static String repository(String id, Path dir, boolean snapshots) {
    return """
            <repository>
              <id>%s</id>
              <url>%s</url>
              <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>
              <snapshots><enabled>%s</enabled><checksumPolicy>ignore</checksumPolicy></snapshots>
            </repository>
    """
        .formatted(id, dir.toUri(), snapshots);
  }

  private static String report(List<String> command, Duration took, Path stdout, Path stderr)
      throws IOException {
    return "%n%s%ntook %ss in %s%n--- stdout%n%s%n--- stderr%n%s"
        .formatted(
            String.join(" ", command),
            took.toSeconds(),
            WORK.resolve("greetings"),
            tail(stdout),
            tail(stderr));
  }

  /**
   * The build's standard output as a terminal shows it: without the colour resets Maven 3.8's
   * console writes even in batch mode, and without blank lines.
   */
  private static List<String> printed(Path stdout) throws IOException {
    return Files.readAllLines(stdout, StandardCharsets.UTF_8).stream()
        .map(line -> ANSI_ESCAPE.matcher(line).replaceAll(""))
        .filter(line -> !line.isBlank())
        .toList();
  }

  /** The end of a build log, where Maven puts its errors. */
  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 150), lines.size()));
  }

  /** A directory the build passes in (samples/pom.xml); outside Maven, skips or fails on CI. */
  private static Path requiredDirectory(String property) {
    String value = System.getProperty(property);
    if (value == null || !Files.isDirectory(Path.of(value))) {
      skipOrFailOnCi(
          "-D" + property + " is not a directory (" + value + "): run the test through Maven");
    }
    return Path.of(value);
  }

  private static void skipOrFailOnCi(String why) {
    if ("true".equals(System.getenv("CI"))) {
      throw new IllegalStateException("CI must run the newcomer's build, but " + why);
    }
    Assumptions.abort("newcomer's build skipped: " + why);
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
