package dev.ssekit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.samples.quickstart.Greeting;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README stays a front door: short, its two commands first, its wire example exact. */
class ReadmeTest {
  private static final int MAX_LINES = 300;

  @Test
  void isShortEnoughToReadInOneSitting() {
    assertThat(Docs.lines(Docs.README))
        .as("README.md's lines; the rest belongs in docs/")
        .hasSizeLessThanOrEqualTo(MAX_LINES);
  }

  @Test
  void startsWithTheCommandThatRunsTheSamplesAndTheOneThatRunsEveryTestWhichCiRuns() {
    String beforeQuickstart = Docs.readme().split("\n## ", 2)[0];
    List<String> commands = Markdown.codeBlocks(beforeQuickstart, "sh");

    assertThat(commands)
        .containsExactly(
            "mvn -q package -DskipTests && java -jar samples/target/ssekit-samples.jar serve\n",
            "mvn verify\n");
    assertThat(Docs.lines(Docs.ROOT.resolve(".ci/run")))
        .as(".ci/run calls the README's test command exactly")
        .contains("mvn verify");
  }

  @Test
  void theWireFormatShownIsWhatTheEncoderWritesForTheFirstGreeting() {
    List<String> plainBlocks =
        Markdown.codeBlocks(Markdown.section(Docs.readme(), "## Quickstart"), "");
    String frame =
        new String(
            SseEncoder.encode(
                new Greeting(1, "hello 1"), CodecRegistry.loadDefault().codecFor(Greeting.class)),
            StandardCharsets.UTF_8);

    assertThat(plainBlocks).contains(frame);
  }
}
