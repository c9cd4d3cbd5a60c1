package dev.ssekit.samples.docs.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.client.EventSource;
import dev.ssekit.client.RawServer;
import dev.ssekit.client.ReconnectRequest;
import dev.ssekit.client.TypedEventStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/client.md: a stream opened with POST whose connection breaks resumes with a GET and {@code
 * Last-Event-ID}, as MCP's Streamable HTTP transport does, and ends at the sentinel.
 */
@Timeout(60)
class PostStreamExamplesTest {

  @Test
  void aBrokenPostStreamResumesWithGetAndLastEventIdAndEndsAtTheSentinel() throws Exception {
    try (RawServer server =
        new RawServer(
            x -> {
              if (x.index == 0) { // the POST: one token, then the connection breaks
                x.sseHead()
                    .write("retry: 1\n\nid: 1\nevent: token\ndata: {\"text\":\"Hello\"}\n\n")
                    .close();
              } else { // the resumption: the rest, then the sentinel
                x.sseHead()
                    .write("id: 2\nevent: token\ndata: {\"text\":\"world\"}\n\ndata: [DONE]\n\n");
              }
            })) {
      URI uri = server.uri("/mcp");
      String requestJson = "{\"prompt\":\"Say hello\"}";
      List<String> words = new ArrayList<>();
      // begin-snippet: postResume
      try (TypedEventStream<Token> tokens =
          EventSource.builder(uri)
              .method("POST", HttpRequest.BodyPublishers.ofString(requestJson))
              .header("Content-Type", "application/json")
              .endSentinel("[DONE]") // data: [DONE] ends the stream, cleanly
              .reconnectWith(ReconnectRequest.GET) // resume with GET and Last-Event-ID
              .events(Token.class)) {
        for (Token token : tokens) {
          words.add(token.text());
        }
      }
      // end-snippet
      assertThat(words).containsExactly("Hello", "world");
      RawServer.Exchange post = server.exchanges().get(0);
      RawServer.Exchange resume = server.exchanges().get(1);
      assertThat(post.method).isEqualTo("POST");
      assertThat(post.body).isEqualTo(requestJson);
      assertThat(resume.method).isEqualTo("GET");
      assertThat(resume.header("Last-Event-ID")).isEqualTo("1");
      assertThat(resume.header("Content-Type")).isEqualTo("application/json");
      assertThat(resume.body).isEmpty();
      assertThat(server.exchanges()).as("no reconnect after the sentinel").hasSize(2);
    }
  }
}
