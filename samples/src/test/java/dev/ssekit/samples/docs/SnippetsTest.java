package dev.ssekit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.samples.docs.Snippet.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every Java block in README.md and docs/ is a region of a source that the build compiles and a
 * test runs, so a documented example cannot rot: change the API and the example stops compiling;
 * change the example and the page must follow.
 *
 * <p>After editing a region, rewrite the pages from the sources with
 *
 * <pre>mvn -pl samples test -Dtest=SnippetsTest -Dssekit.docs.update=true</pre>
 */
class SnippetsTest {
  private static final boolean UPDATE = Boolean.getBoolean("ssekit.docs.update");
  private static final String HOW_TO_UPDATE =
      "; to copy the sources into the pages: mvn -pl samples test -Dtest=SnippetsTest"
          + " -Dssekit.docs.update=true";

  @Test
  void everyJavaBlockNamesTheRegionItShowsAndShowsItExactly() throws IOException {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, String>> regionsBySource = new HashMap<>();
    for (Path page : Docs.pages()) {
      List<String> lines = new ArrayList<>(Docs.lines(page));
      boolean changed = false;
      // From the end, so that rewriting a block keeps the line numbers of those before it.
      List<Block> blocks = Snippet.blocks(page, lines);
      for (int b = blocks.size() - 1; b >= 0; b--) {
        Block block = blocks.get(b);
        if (block.source() == null) {
          problems.add(
              block.where()
                  + ": a ```java block without <!-- snippet: path/File.java#region --> before it");
          continue;
        }
        Map<String, String> regions =
            regionsBySource.computeIfAbsent(block.source(), s -> regionsOf(s, problems));
        String region = regions.get(block.region());
        if (region == null) {
          problems.add(
              block.where() + ": no region \"" + block.region() + "\" in " + block.source());
        } else if (!region.equals(block.text())) {
          if (UPDATE) {
            List<String> replacement = List.of(region.split("\n", -1));
            lines.subList(block.firstLine(), block.endLine()).clear();
            lines.addAll(block.firstLine(), replacement.subList(0, replacement.size() - 1));
            changed = true;
          } else {
            problems.add(
                block.where()
                    + ": differs from "
                    + block.source()
                    + "#"
                    + block.region()
                    + "\n--- page\n"
                    + block.text()
                    + "--- source\n"
                    + region
                    + "---");
          }
        }
      }
      if (changed) {
        Files.write(page, lines, StandardCharsets.UTF_8);
      }
    }
    assertThat(problems).as("stale or unmarked snippets" + HOW_TO_UPDATE).isEmpty();
  }

  @Test
  void everyRegionInTheSourcesIsShownSomewhere() {
    Set<String> shown = new HashSet<>();
    for (Path page : Docs.pages()) {
      for (Block block : Snippet.blocks(page, Docs.lines(page))) {
        shown.add(block.source() + "#" + block.region());
      }
    }
    List<String> problems = new ArrayList<>();
    List<String> unshown = new ArrayList<>();
    for (Path source : Docs.javaSources()) {
      for (String region : Snippet.regions(source, Docs.lines(source), problems).keySet()) {
        String id = Docs.name(source) + "#" + region;
        if (!shown.contains(id)) {
          unshown.add(id);
        }
      }
    }
    assertThat(problems).as("malformed regions").isEmpty();
    assertThat(unshown).as("regions no page shows (remove their markers, or show them)").isEmpty();
  }

  private static Map<String, String> regionsOf(String source, List<String> problems) {
    Path file = Docs.ROOT.resolve(source);
    if (!Files.isRegularFile(file)) {
      problems.add("no such source: " + source);
      return Map.of();
    }
    return Snippet.regions(file, Docs.lines(file), problems);
  }
}
