package dev.ssekit.core;

import static dev.ssekit.core.Recorder.message;
import static dev.ssekit.core.Recorder.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.SseLimitExceededException.Limit;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Limits end hostile streams with a clear error while the parser's memory stays bounded. */
class ParserLimitsTest {

  @Test
  void hundredMebibyteLineWithoutLineBreakFailsWithBoundedMemory() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r); // default: 16 MiB per line
    int maxLine = SseLimits.DEFAULT.maxLineLength();
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    byte[] start = utf8("data: ");
    parser.feed(start, 0, start.length);
    long fed = start.length;
    long total = 100L << 20;
    SseLimitExceededException failure = null;
    int maxRetained = 0;
    while (fed < total) {
      try {
        parser.feed(chunk, 0, chunk.length);
      } catch (SseLimitExceededException e) {
        failure = e;
        break;
      }
      fed += chunk.length;
      maxRetained = Math.max(maxRetained, parser.retainedCapacity());
    }
    assertThat(failure).isNotNull();
    assertThat(failure.limit()).isEqualTo(Limit.LINE_LENGTH);
    assertThat(failure.max()).isEqualTo(maxLine);
    assertThat(failure).hasMessageContaining("line longer than " + maxLine + " bytes");
    // It failed as soon as the line passed the limit, not at the end of the 100 MiB.
    assertThat(fed).isLessThanOrEqualTo(maxLine);
    assertThat(maxRetained).isLessThanOrEqualTo(maxLine);
    assertThat(parser.retainedCapacity()).isLessThanOrEqualTo(maxLine);
    assertThat(r.calls).isEmpty();
  }

  @Test
  void failedParserThrowsAgainUntilReset() {
    EventStreamParser parser = new EventStreamParser(new Recorder(), new SseLimits(4, 100));
    byte[] line = utf8("data: toolong\n\n");
    assertThatThrownBy(() -> parser.feed(line, 0, line.length))
        .isInstanceOf(SseLimitExceededException.class);
    byte[] ok = utf8("data\n\n");
    assertThatThrownBy(() -> parser.feed(ok, 0, ok.length))
        .isInstanceOfSatisfying(
            SseLimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.LINE_LENGTH));
    parser.end(); // a failed parser stays failed
    assertThatThrownBy(() -> parser.feed(ok, 0, ok.length))
        .isInstanceOf(SseLimitExceededException.class);
    parser.reset();
    parser.feed(ok, 0, ok.length);
  }

  @Test
  void lineOfExactlyTheLimitIsAcceptedAndOneMoreByteIsNot() {
    SseLimits limits = new SseLimits(10, 100);
    String atLimit = "data: 1234"; // 10 bytes
    assertThat(parseWith(limits, atLimit + "\n\n", 1000)).containsExactly(message("1234"));
    assertThat(parseWith(limits, atLimit + "\n\n", 3)).containsExactly(message("1234"));
    assertThat(parseWith(limits, atLimit + "\r", 1)).isEmpty();
    assertThatThrownBy(() -> parseWith(limits, "data: 12345\n\n", 1000))
        .isInstanceOf(SseLimitExceededException.class);
    assertThatThrownBy(() -> parseWith(limits, "data: 12345\n\n", 3))
        .isInstanceOf(SseLimitExceededException.class);
    // The line break does not count, whichever it is.
    assertThat(parseWith(limits, atLimit + "\r\n\r\n", 1)).containsExactly(message("1234"));
  }

  @Test
  void oversizeEventMadeOfManyShortDataLinesFails() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r, new SseLimits(1024, 64 * 1024));
    byte[] line = utf8("data: " + "y".repeat(100) + "\n");
    int maxRetained = 0;
    SseLimitExceededException failure = null;
    for (int i = 0; i < 10_000 && failure == null; i++) {
      try {
        parser.feed(line, 0, line.length);
      } catch (SseLimitExceededException e) {
        failure = e;
      }
      maxRetained = Math.max(maxRetained, parser.retainedCapacity());
    }
    assertThat(failure).isNotNull();
    assertThat(failure.limit()).isEqualTo(Limit.EVENT_SIZE);
    assertThat(failure.max()).isEqualTo(64 * 1024);
    assertThat(failure).hasMessageContaining("event larger than 65536 bytes");
    assertThat(maxRetained).isLessThanOrEqualTo(64 * 1024 + 1 + 1024);
    assertThat(r.events).isEmpty();
  }

  @Test
  void eventOfExactlyTheLimitIsAccepted() {
    SseLimits limits = new SseLimits(100, 5);
    // "ab\ncd" is five bytes; the LF that ends the last data line is not part of the event.
    assertThat(parseWith(limits, "data: ab\ndata: cd\n\n", 1000))
        .containsExactly(message("ab\ncd"));
    assertThat(parseWith(limits, "data: ab\ndata: cd\n\n", 1)).containsExactly(message("ab\ncd"));
    assertThatThrownBy(() -> parseWith(limits, "data: ab\ndata: cde\n\n", 1000))
        .isInstanceOf(SseLimitExceededException.class);
    assertThatThrownBy(() -> parseWith(limits, "data: ab\ndata: cd\ndata\n\n", 1000))
        .isInstanceOf(SseLimitExceededException.class);
  }

  @Test
  void commentsCountTowardsTheEventSize() {
    SseLimits limits = new SseLimits(100, 5);
    assertThatThrownBy(() -> parseWith(limits, ": 1234\ndata: ab\n\n", 1000))
        .isInstanceOfSatisfying(
            SseLimitExceededException.class,
            e -> assertThat(e.limit()).isEqualTo(Limit.EVENT_SIZE));
    // Comments in blocks of their own (heartbeats) never accumulate.
    assertThat(parseWith(limits, ": 1234\n\n".repeat(100) + "data: abcde\n\n", 7))
        .containsExactly(message("abcde"));
  }

  @Test
  void largeBuffersAreReleasedAfterTheEvent() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] big = utf8("data: " + "z".repeat(1 << 20) + "\n\n");
    for (int at = 0; at < big.length; at += 1000) {
      parser.feed(big, at, Math.min(1000, big.length - at));
    }
    assertThat(r.events).hasSize(1);
    assertThat(r.events.get(0).data()).hasSize(1 << 20);
    assertThat(parser.retainedCapacity()).isLessThan(256 * 1024);
  }

  @Test
  void memoryStaysSmallOverManyOrdinaryEvents() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] events = utf8("event: tick\nid: 1\ndata: {\"n\":1}\n\n".repeat(1000));
    for (int at = 0; at < events.length; at += 37) {
      parser.feed(events, at, Math.min(37, events.length - at));
    }
    assertThat(r.events).hasSize(1000);
    assertThat(parser.retainedCapacity()).isLessThanOrEqualTo(1024);
  }

  private static List<ServerSentEvent> parseWith(SseLimits limits, String text, int chunk) {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r, limits);
    byte[] b = utf8(text);
    for (int at = 0; at < b.length; at += chunk) {
      parser.feed(b, at, Math.min(chunk, b.length - at));
    }
    parser.end();
    return r.events;
  }
}
