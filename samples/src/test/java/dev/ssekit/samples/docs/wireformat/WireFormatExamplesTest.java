package dev.ssekit.samples.docs.wireformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.EventStreamHandler;
import dev.ssekit.core.EventStreamParser;
import dev.ssekit.core.EventStreamReader;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.core.SseLimitExceededException;
import dev.ssekit.core.SseLimits;
import dev.ssekit.samples.docs.DocsPage;
import dev.ssekit.samples.docs.events.Reading;
import dev.ssekit.samples.docs.events.Reading_SseCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The parsing, writing and limits examples of docs/wire-format.md, run on real streams. */
class WireFormatExamplesTest {
  private static final DocsPage PAGE = DocsPage.of("docs/wire-format.md");
  private static final byte[] STREAM =
      (": hello\n\nretry: 3000\n\nevent: ping\nid: 7\ndata: hello\ndata: world\n\n"
              + "data: {\"n\":1}\r\n\r\ndata: cut off by the end of the stream")
          .getBytes(StandardCharsets.UTF_8);

  private final List<String> seen = new ArrayList<>();
  private String lastEventId;
  private long reconnectDelay;

  @Test
  void thePushParserTakesBytesSplitAnywhere() {
    // begin-snippet: push-parse
    EventStreamParser parser =
        new EventStreamParser(
            new EventStreamHandler() {
              @Override
              public void onEvent(ServerSentEvent event) {
                seen.add(event.type() + " #" + event.id() + ": " + event.data());
              }

              @Override
              public void onLastEventId(String id) { // optional, as are the two below
                lastEventId = id;
              }

              @Override
              public void onRetry(long millis) {
                reconnectDelay = millis;
              }

              @Override
              public void onComment(String comment) {} // heartbeats arrive here
            });
    parser.feed(STREAM, 0, 40); // as the bytes arrive, split anywhere
    parser.feed(STREAM, 40, STREAM.length - 40);
    parser.end(); // the end of the stream: an unfinished event is discarded
    // end-snippet
    assertThat(seen).containsExactly("ping #7: hello\nworld", "message #null: {\"n\":1}");
    assertThat(lastEventId).isEqualTo("7").isEqualTo(parser.lastEventId());
    assertThat(reconnectDelay).isEqualTo(3000);
  }

  @Test
  void everySplitOfTheStreamGivesTheSameEvents() {
    List<String> whole = parse(STREAM.length);
    for (int chunk = 1; chunk < STREAM.length; chunk++) {
      assertThat(parse(chunk)).as("in reads of %d bytes", chunk).isEqualTo(whole);
    }
  }

  private static List<String> parse(int chunk) {
    List<String> events = new ArrayList<>();
    EventStreamParser parser = new EventStreamParser(e -> events.add(e.toString()));
    for (int at = 0; at < STREAM.length; at += chunk) {
      parser.feed(STREAM, at, Math.min(chunk, STREAM.length - at));
    }
    parser.end();
    return events;
  }

  @Test
  void thePullReaderReturnsOneEventAtATime() throws IOException {
    InputStream body = new ByteArrayInputStream(STREAM);
    List<ServerSentEvent> handled = new ArrayList<>();
    String resumeFrom;
    long retry;
    // begin-snippet: pull-parse
    try (EventStreamReader events = new EventStreamReader(body)) {
      for (ServerSentEvent event; (event = events.next()) != null; ) {
        handled.add(event);
      }
      resumeFrom = events.lastEventId(); // "" when the stream set none
      retry = events.retry(); // -1 when the stream set none
    }
    // end-snippet
    assertThat(handled)
        .extracting(ServerSentEvent::data)
        .containsExactly("hello\nworld", "{\"n\":1}");
    assertThat(handled.get(0).type()).isEqualTo("ping");
    assertThat(handled.get(1).type()).isEqualTo(ServerSentEvent.DEFAULT_TYPE);
    assertThat(resumeFrom).isEqualTo("7");
    assertThat(retry).isEqualTo(3000);
  }

  @Test
  void theEncoderWritesFramesThatForgeNothing() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    // begin-snippet: write
    SseEncoder encoder = new SseEncoder(); // reusable, not thread-safe
    encoder
        .append(ServerSentEvent.builder().type("ping").id("7").data("hello\nworld").build())
        .append(
            new Reading(8, Instant.parse("2026-01-01T00:00:00Z"), 21.5), Reading_SseCodec.INSTANCE)
        .appendHeartbeat(); // ":\n\n": keeps an idle connection open
    encoder.writeTo(out); // or toByteArray(), to write the same bytes to many clients
    encoder.reset();
    // end-snippet
    String written = out.toString(StandardCharsets.UTF_8);
    String expected =
        """
        event: ping
        id: 7
        data: hello
        data: world

        event: reading
        id: 8
        data: {"seq":8,"time":"2026-01-01T00:00:00Z","celsius":21.5}

        :

        """;
    assertThat(written).isEqualTo(expected);
    PAGE.assertShowsBlock(expected);
    assertThat(encoder.size()).isZero();

    assertThatThrownBy(() -> encoder.append(ServerSentEvent.builder().id("1\nevent: x").build()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(encoder.size()).as("a refused frame leaves nothing behind").isZero();
  }

  @Test
  void aLineLongerThanTheLimitFailsTheParser() {
    byte[] longLine = ("data: " + "x".repeat(70 * 1024) + "\n\n").getBytes(StandardCharsets.UTF_8);
    List<ServerSentEvent> events = new ArrayList<>();
    // begin-snippet: limits
    EventStreamParser parser =
        new EventStreamParser(events::add, new SseLimits(64 * 1024, 1 << 20));
    // end-snippet
    assertThatThrownBy(() -> parser.feed(longLine, 0, longLine.length))
        .isInstanceOfSatisfying(
            SseLimitExceededException.class,
            e -> {
              assertThat(e.limit()).isEqualTo(SseLimitExceededException.Limit.LINE_LENGTH);
              assertThat(e.max()).isEqualTo(64 * 1024);
              PAGE.assertShows(e.getMessage());
            });
    assertThatThrownBy(() -> parser.feed(new byte[] {'\n'}, 0, 1))
        .as("a failed parser refuses input until reset()")
        .isInstanceOf(SseLimitExceededException.class);
    parser.reset();
    byte[] next = "data: ok\n\n".getBytes(StandardCharsets.UTF_8);
    parser.feed(next, 0, next.length);
    assertThat(events).extracting(ServerSentEvent::data).containsExactly("ok");
  }
}
