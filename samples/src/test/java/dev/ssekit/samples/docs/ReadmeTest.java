package dev.ssekit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.SubscriberSink;
import dev.ssekit.samples.quickstart.Greeting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
  void theWireFormatShownIsWhatTheHubWritesForTheFirstGreeting() {
    List<String> plainBlocks =
        Markdown.codeBlocks(Markdown.section(Docs.readme(), "## Quickstart"), "");
    StringBuilder written = new StringBuilder();
    try (EventHub hub = EventHub.builder().build()) {
      hub.subscribe(
          new SubscriberSink() {
            @Override
            public void write(List<byte[]> frames, Completion completion) {
              synchronized (written) {
                frames.forEach(f -> written.append(new String(f, StandardCharsets.UTF_8)));
              }
              completion.completed();
            }

            @Override
            public void close() {}
          },
          null);
      hub.publish(new Greeting(1, "hello 1"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> {
            synchronized (written) {
              return written.indexOf("data: ") >= 0;
            }
          });
    }
    String frame;
    synchronized (written) {
      frame = written.substring(written.lastIndexOf("\n\n", written.indexOf("data: ")) + 2);
    }

    assertThat(plainBlocks).as("the block shows what the hub writes:%n%s", frame).contains(frame);
  }
}
