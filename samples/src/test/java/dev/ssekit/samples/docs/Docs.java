package dev.ssekit.samples.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The project's user documentation: README.md and the pages in docs/, found from this module's
 * directory. The checks in this package hold them to the code, so that a snippet or a link that
 * goes stale fails the build instead of a reader.
 */
final class Docs {
  /** The samples module's directory: Maven's {@code basedir}, or where the tests run. */
  static final Path MODULE_DIR = Path.of(System.getProperty("basedir", "")).toAbsolutePath();

  /** The project's root directory. */
  static final Path ROOT = MODULE_DIR.getParent();

  static final Path README = ROOT.resolve("README.md");
  static final Path DOCS = ROOT.resolve("docs");

  private Docs() {}

  /** README.md and every Markdown page under docs/; skips the calling test without a README. */
  static List<Path> pages() {
    Assumptions.assumeTrue(
        Files.isRegularFile(README),
        "documentation checks skipped: no README.md at " + README + " (they need the project)");
    List<Path> pages = new ArrayList<>();
    pages.add(README);
    if (Files.isDirectory(DOCS)) {
      try (Stream<Path> files = Files.walk(DOCS)) {
        files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return pages;
  }

  /** Every Java source of the project (main, test and test resources), build output excluded. */
  static List<Path> javaSources() {
    try (Stream<Path> files = Files.walk(ROOT)) {
      return files
          .filter(p -> p.toString().endsWith(".java"))
          .filter(p -> ROOT.relativize(p).toString().contains("src/"))
          .filter(p -> !isBuildOutput(ROOT.relativize(p)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isBuildOutput(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target") || name.startsWith(".") || name.equals("node_modules")) {
        return true;
      }
    }
    return false;
  }

  /** README.md's text; skips the calling test without a README (a lone module copy). */
  static String readme() {
    pages();
    try {
      return Files.readString(README, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The path as the docs name it: relative to the root, with forward slashes. */
  static String name(Path file) {
    return ROOT.relativize(file).toString().replace('\\', '/');
  }
}
