package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.samples.quickstart.Greeting;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart is the code of {@code dev.ssekit.samples.quickstart}, which {@link
 * QuickstartTest} runs: each of its Java blocks must equal a region of those sources marked with
 * {@code // README:quickstart-begin} and {@code // README:quickstart-end}, and each region must be
 * shown.
 */
class QuickstartReadmeTest {
  private static final String BEGIN = "// README:quickstart-begin";
  private static final String END = "// README:quickstart-end";
  private static final Path SOURCES =
      Readme.MODULE_DIR.resolve("src/main/java/dev/ssekit/samples/quickstart");

  @Test
  void everyJavaBlockOfTheQuickstartIsAMarkedRegionOfTheRunnableQuickstart() throws IOException {
    List<String> blocks = Readme.codeBlocks(Readme.section(Readme.text(), "## Quickstart"), "java");

    List<String> regions = regions();

    assertThat(regions).as("marked regions in " + SOURCES).isNotEmpty();
    assertThat(blocks)
        .as("the ```java blocks under \"## Quickstart\" in README.md, against the marked regions")
        .containsExactlyInAnyOrderElementsOf(regions);
  }

  @Test
  void theWireFormatShownIsWhatTheEncoderWritesForTheFirstGreeting() throws IOException {
    List<String> plainBlocks =
        Readme.codeBlocks(Readme.section(Readme.text(), "## Quickstart"), "");
    String frame =
        new String(
            SseEncoder.encode(
                new Greeting(1, "hello 1"), CodecRegistry.loadDefault().codecFor(Greeting.class)),
            StandardCharsets.UTF_8);

    assertThat(plainBlocks).contains(frame);
  }

  private static List<String> regions() throws IOException {
    List<String> regions = new ArrayList<>();
    List<Path> files;
    try (Stream<Path> list = Files.list(SOURCES)) {
      files = list.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
    for (Path file : files) {
      List<String> region = null;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.strip().equals(BEGIN)) {
          region = new ArrayList<>();
        } else if (line.strip().equals(END)) {
          regions.add(dedent(region));
          region = null;
        } else if (region != null) {
          region.add(line);
        }
      }
    }
    return regions;
  }

  /** The lines without the indentation they share, as a README block shows them. */
  private static String dedent(List<String> lines) {
    int indent =
        lines.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }
}
