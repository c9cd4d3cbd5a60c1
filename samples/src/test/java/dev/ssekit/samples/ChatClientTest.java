package dev.ssekit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The {@code chat-client} sample against a real server: Jersey, and sse-servlet on Jetty. */
@ParameterizedClass
@EnumSource(Adapter.class)
class ChatClientTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @Parameter Adapter adapter;
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private SampleServer server;

  @BeforeEach
  void start() {
    server = SampleServer.start(adapter.config());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void printsJoinsAndMessagesWithLineBreaksShownNotObeyed() throws Exception {
    try (ChatClient client =
        new ChatClient(server.baseUri().resolve("chat/events?username=bobby"), out)) {
      await().atMost(WAIT).until(() -> output().contains("bobby joined"));
      assertThat(output()).startsWith("connected to " + server.baseUri() + "chat/events");

      Http.say(server.baseUri(), "bobby", "Hi everyone.\nSecond line\u001b[2J");

      await()
          .atMost(WAIT)
          .until(() -> output().contains("bobby: Hi everyone.\\nSecond line\\u001b[2J"));
    }
    assertThat(output().lines())
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).doesNotContain("\r", "\u001b"));
    assertThat(output().lines().skip(1))
        .allSatisfy(line -> assertThat(line).matches("\\d\\d:\\d\\d:\\d\\d bobby.*"));
  }

  @Test
  void resumesAfterTheServerDropsTheConnection() throws Exception {
    try (ChatClient client = new ChatClient(server.baseUri().resolve("chat/events"), out)) {
      await().atMost(WAIT).until(() -> output().startsWith("connected to"));
      // A client resumes from the last event it received: it needs to have received one.
      Http.say(server.baseUri(), "bobby", "hello");
      await().atMost(WAIT).until(() -> output().contains("bobby: hello"));
      assertThat(server.dropChatConnections()).isEqualTo(1);

      Http.say(server.baseUri(), "bobby", "while you were away");

      await().atMost(WAIT).until(() -> output().contains("bobby: while you were away"));
    }
    assertThat(output()).containsOnlyOnce("bobby: while you were away");
  }

  @Test
  void badUsageExitsWith2() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);

    assertThat(Main.run(new String[] {"chat-client", "--nope"}, out, errStream)).isEqualTo(2);
    assertThat(Main.run(new String[] {"chat-client", "a", "b"}, out, errStream)).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: chat-client [URL]");
  }

  @Test
  void exitsWith1WhenTheServerRefusesTheStream() throws Exception {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    String refused = server.baseUri() + "chat/events?username=" + "x".repeat(40);

    int status =
        Main.run(
            new String[] {"chat-client", refused},
            out,
            new PrintStream(err, true, StandardCharsets.UTF_8));

    assertThat(status).isEqualTo(1);
    assertThat(output()).contains("stopped:").contains("400");
  }

  private String output() {
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
