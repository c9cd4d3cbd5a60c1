package dev.ssekit.core;

import static dev.ssekit.core.Recorder.bytes;
import static dev.ssekit.core.Recorder.concat;
import static dev.ssekit.core.Recorder.event;
import static dev.ssekit.core.Recorder.message;
import static dev.ssekit.core.Recorder.parse;
import static dev.ssekit.core.Recorder.parseBytewise;
import static dev.ssekit.core.Recorder.parseChunks;
import static dev.ssekit.core.Recorder.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.Recorder.Comment;
import dev.ssekit.core.Recorder.LastId;
import dev.ssekit.core.Recorder.Retry;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** One test per rule of the standard's "interpret an event stream". */
class EventStreamParserTest {
  private static final byte[] BOM = bytes(0xEF, 0xBB, 0xBF);

  // --- byte order mark

  @Test
  void leadingBomIsDropped() {
    assertThat(parse(concat(BOM, utf8("data: a\n\n"))).events).containsExactly(message("a"));
  }

  @Test
  void bomSplitAcrossChunksIsDropped() {
    byte[] rest = utf8("data: a\n\n");
    assertThat(parseChunks(bytes(0xEF), bytes(0xBB), bytes(0xBF), rest).events)
        .containsExactly(message("a"));
    assertThat(parseChunks(bytes(0xEF, 0xBB), concat(bytes(0xBF), rest)).events)
        .containsExactly(message("a"));
    assertThat(parseChunks(bytes(0xEF), new byte[0], concat(bytes(0xBB, 0xBF), rest)).events)
        .containsExactly(message("a"));
  }

  @Test
  void secondBomIsNotStripped() {
    // The second BOM is part of the first line's field name, so the line is an unknown field.
    assertThat(parse(concat(BOM, BOM, utf8("data: a\n\n"))).events).isEmpty();
    assertThat(parse(concat(BOM, utf8("data: "), BOM, utf8("x\n\n"))).events)
        .containsExactly(message("\uFEFFx"));
  }

  @Test
  void bomLaterInTheStreamIsText() {
    assertThat(parse(concat(utf8("data: a\n\n"), BOM, utf8("data: b\n\n"))).events)
        .containsExactly(message("a"));
  }

  @Test
  void incompleteBomIsTheStartOfTheFirstLine() {
    // EF BB then "data": the first line's name is not "data", so nothing is dispatched; the
    // second line still parses.
    byte[] stream = concat(bytes(0xEF, 0xBB), utf8("data: a\n\ndata: b\n\n"));
    assertThat(parse(stream).events).containsExactly(message("b"));
    assertThat(parseBytewise(stream).events).containsExactly(message("b"));
    // A stream that is only part of a BOM dispatches nothing and does not fail.
    assertThat(parse(bytes(0xEF)).calls).isEmpty();
  }

  @Test
  void incompleteBomCountsTowardsTheLineLength() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r, new SseLimits(3, 100));
    parser.feed(bytes(0xEF, 0xBB), 0, 2);
    assertThatThrownBy(() -> parser.feed(utf8("ab\n"), 0, 3))
        .isInstanceOf(SseLimitExceededException.class);
  }

  @Test
  void bomIsDroppedAgainAfterReset() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] stream = concat(BOM, utf8("data: a\n\n"));
    parser.feed(stream, 0, stream.length);
    parser.reset();
    parser.feed(stream, 0, stream.length);
    assertThat(r.events).containsExactly(message("a"), message("a"));
  }

  // --- line endings

  @Test
  void linesEndInLfCrOrCrlf() {
    assertThat(parse("data: a\n\ndata: b\r\rdata: c\r\n\r\ndata: d\r\n\n").events)
        .containsExactly(message("a"), message("b"), message("c"), message("d"));
  }

  @Test
  void crAtTheEndOfOneChunkAndLfAtTheStartOfTheNextAreOneLineBreak() {
    // Two line breaks would make a blank line and dispatch "a" and "b" separately.
    assertThat(parseChunks(utf8("data: a\r"), utf8("\ndata: b\n\n")).events)
        .containsExactly(message("a\nb"));
    assertThat(
            parseChunks(utf8("data: a\r"), new byte[0], utf8("\ndata: b\r"), utf8("\n\r\n")).events)
        .containsExactly(message("a\nb"));
  }

  @Test
  void crAtTheEndOfOneChunkAndCrAtTheStartOfTheNextAreTwoLineBreaks() {
    assertThat(parseChunks(utf8("data: a\r"), utf8("\rdata: b\n\n")).events)
        .containsExactly(message("a"), message("b"));
  }

  @Test
  void lfCrIsTwoLineBreaks() {
    assertThat(parse("data: a\n\rdata: b\n\n").events).containsExactly(message("a"), message("b"));
  }

  // --- fields

  @Test
  void exactlyOneLeadingSpaceOfTheValueIsStripped() {
    assertThat(parse("data:a\n\ndata: a\n\ndata:  a\n\ndata: \n\ndata:\ta\n\n").events)
        .containsExactly(message("a"), message("a"), message(" a"), message(""), message("\ta"));
  }

  @Test
  void lineWithoutColonIsAFieldNameWithAnEmptyValue() {
    assertThat(parse("data\n\n").events).containsExactly(message(""));
    assertThat(parse("event\ndata: x\n\n").events).containsExactly(message("x"));
    assertThat(parse("id\n\n").calls).containsExactly(new LastId(""));
  }

  @Test
  void fieldNamesAreCaseSensitive() {
    assertThat(parse("Data: x\n\nDATA: x\n\n").events).isEmpty();
    assertThat(parse("Event: foo\nID: 1\nRetry: 5\ndata: x\n\n").calls)
        .containsExactly(message("x"));
  }

  @Test
  void spaceBeforeTheColonIsPartOfTheName() {
    assertThat(parse("data : x\n\n").events).isEmpty();
  }

  @Test
  void unknownFieldsAreIgnored() {
    String stream =
        "foo: bar\ndataa: x\ndat: x\nevents: x\nidx: 1\nretryy: 9\nd\ne\ni\nr\n"
            + "\u00e9: x\ndata: kept\n\n";
    assertThat(parse(stream).calls).containsExactly(message("kept"));
  }

  @Test
  void shortLinesAreNotReadAsTheLongerLineBufferedBeforeThem() {
    // Lines split across chunks are assembled in a buffer that keeps older bytes past its end: a
    // short line there must not be classified by what an earlier, longer line left behind.
    byte[] stream = utf8("data: first\ndat\nevent: e\neven\nid: 7\ni\n\ndata: second\nd\n\n");
    for (int chunk = 1; chunk <= 9; chunk++) {
      List<byte[]> chunks = new ArrayList<>();
      for (int at = 0; at < stream.length; at += chunk) {
        chunks.add(Arrays.copyOfRange(stream, at, Math.min(stream.length, at + chunk)));
      }
      assertThat(parseChunks(chunks.toArray(new byte[0][])).calls)
          .as("chunks of %d", chunk)
          .containsExactly(
              new LastId("7"), event("e", "first", "7", null, null), message("second"));
    }
  }

  @Test
  void colonsAfterTheFirstArePartOfTheValue() {
    assertThat(parse("data: a:b: c\n\n").events).containsExactly(message("a:b: c"));
  }

  @Test
  void dataLinesAreJoinedWithLfAndTheLastLfIsRemoved() {
    assertThat(parse("data: a\ndata: b\n\n").events).containsExactly(message("a\nb"));
    assertThat(parse("data: a\ndata:\n\n").events).containsExactly(message("a\n"));
    assertThat(parse("data\ndata\n\n").events).containsExactly(message("\n"));
  }

  @Test
  void nulAndOtherControlCharactersInDataAreKept() {
    assertThat(parse("data: a\u0000b\u0001\u007f\n\n").events)
        .containsExactly(message("a\u0000b\u0001\u007f"));
  }

  @Test
  void eventFieldSetsTheTypeAndEmptyTypeMeansMessage() {
    assertThat(
            parse("event: ping\ndata: x\n\nevent:\ndata: y\n\nevent: a\nevent: b\ndata: z\n\n")
                .events)
        .containsExactly(
            event("ping", "x", null, null, null), message("y"), event("b", "z", null, null, null));
  }

  @Test
  void typeDoesNotCarryOverToTheNextEvent() {
    assertThat(parse("event: ping\ndata: 1\n\ndata: 2\n\nevent: ping\ndata: 3\n\n").events)
        .containsExactly(
            event("ping", "1", null, null, null),
            message("2"),
            event("ping", "3", null, null, null));
  }

  @Test
  void repeatedAndAlternatingTypesDecodeCorrectly() {
    assertThat(
            parse(
                    "event: a\n"
                        + "data: 1\n\n"
                        + "event: b\n"
                        + "data: 2\n\n"
                        + "event: a\n"
                        + "data: 3\n\n"
                        + "event: ab\n"
                        + "data: 4\n\n")
                .events)
        .extracting(ServerSentEvent::type)
        .containsExactly("a", "b", "a", "ab");
  }

  @Test
  void manyInterleavedTypesLongTypesAndPrefixesOfEachOtherDecodeCorrectly() {
    // More types than the parser remembers, some longer than it remembers, some prefixes of others.
    Random random = new Random(11);
    List<String> pool = new ArrayList<>();
    for (int k = 0; k < 12; k++) {
      pool.add("t" + k);
      pool.add("t" + k + "x");
    }
    pool.add("événement");
    pool.add("long".repeat(20));
    pool.add("long".repeat(20) + "er");
    StringBuilder stream = new StringBuilder();
    List<String> sent = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      String type = pool.get(random.nextInt(pool.size()));
      sent.add(type);
      stream.append("event: ").append(type).append("\ndata: ").append(i).append("\n\n");
    }
    assertThat(parse(stream.toString()).events)
        .extracting(ServerSentEvent::type)
        .containsExactlyElementsOf(sent);
  }

  @Test
  void blankLineWithEmptyDataBufferDispatchesNothingAndResetsTheType() {
    assertThat(parse("event: foo\n\ndata: x\n\n").events).containsExactly(message("x"));
    assertThat(parse("\n\n\n").calls).isEmpty();
  }

  // --- id

  @Test
  void idSetsTheEventIdAndTheLastEventId() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("id: 1\ndata: a\n\ndata: b\n\n");
    parser.feed(s, 0, s.length);
    assertThat(r.calls)
        .containsExactly(new LastId("1"), event("message", "a", "1", null, null), message("b"));
    assertThat(parser.lastEventId()).isEqualTo("1");
  }

  @Test
  void idOnlyBlockUpdatesTheLastEventIdWithoutDispatching() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("id: 7\n\n");
    parser.feed(s, 0, s.length);
    assertThat(r.calls).containsExactly(new LastId("7"));
    assertThat(parser.lastEventId()).isEqualTo("7");
  }

  @Test
  void lastIdInABlockWins() {
    assertThat(parse("id: 1\nid: 2\ndata: x\n\n").calls)
        .containsExactly(new LastId("2"), event("message", "x", "2", null, null));
  }

  @Test
  void emptyIdResetsTheLastEventId() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("id: 1\n\nid\ndata: x\n\n");
    parser.feed(s, 0, s.length);
    assertThat(r.calls)
        .containsExactly(new LastId("1"), new LastId(""), event("message", "x", "", null, null));
    assertThat(parser.lastEventId()).isEmpty();
  }

  @Test
  void idContainingNulIsIgnored() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("id: 1\n\nid: a\u0000b\ndata: x\n\nid: \u0000\n\n");
    parser.feed(s, 0, s.length);
    assertThat(r.calls).containsExactly(new LastId("1"), message("x"));
    assertThat(parser.lastEventId()).isEqualTo("1");
  }

  @Test
  void idInAnUnfinishedBlockNeverTakesEffect() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("id: 1\n\nid: 2\ndata: x\n");
    parser.feed(s, 0, s.length);
    parser.end();
    assertThat(r.calls).containsExactly(new LastId("1"));
    assertThat(parser.lastEventId()).isEqualTo("1");
  }

  @Test
  void lastEventIdIsKeptAcrossResetAndEnd() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("id: 5\n\n");
    parser.feed(s, 0, s.length);
    parser.end();
    parser.reset();
    assertThat(parser.lastEventId()).isEqualTo("5");
  }

  @Test
  void idMayContainUtf8() {
    assertThat(parse("id: \u00e9\u20ac\ud83d\ude00\ndata: x\n\n").events)
        .containsExactly(event("message", "x", "\u00e9\u20ac\ud83d\ude00", null, null));
  }

  // --- retry

  @Test
  void retryWithOnlyDigitsSetsTheReconnectionTime() {
    assertThat(parse("retry: 1000\n").calls).containsExactly(new Retry(1000));
    assertThat(parse("retry:0\n").calls).containsExactly(new Retry(0));
    assertThat(parse("retry: 007\n").calls).containsExactly(new Retry(7));
    assertThat(parse("retry: 9223372036854775807\n").calls)
        .containsExactly(new Retry(Long.MAX_VALUE));
  }

  @Test
  void retryThatIsNotAllDigitsIsIgnored() {
    assertThat(
            parse(
                    "retry: 10a\n"
                        + "retry: -1\n"
                        + "retry: +1\n"
                        + "retry:  100\n"
                        + "retry: 1.5\n"
                        + "retry: 1 \n"
                        + "retry: \u0661\n")
                .calls)
        .isEmpty();
  }

  @Test
  void emptyRetryIsIgnored() {
    assertThat(parse("retry\nretry:\nretry: \n").calls).isEmpty();
  }

  @Test
  void retryTooLargeForALongIsIgnored() {
    assertThat(parse("retry: 9223372036854775808\nretry: 99999999999999999999999\n").calls)
        .isEmpty();
  }

  @Test
  void retryTakesEffectAtOnceAndIsReportedOnTheEvent() {
    assertThat(parse("retry: 5\nretry: 6\ndata: x\n\ndata: y\n\n").calls)
        .containsExactly(
            new Retry(5), new Retry(6), event("message", "x", null, 6L, null), message("y"));
    // A retry in a block that is never dispatched still took effect.
    assertThat(parse("retry: 5\ndata: unfinished").calls).containsExactly(new Retry(5));
  }

  // --- comments

  @Test
  void commentsAreReportedWithOneLeadingSpaceRemoved() {
    assertThat(parse(": hello\n:  two\n:\n:x:y\n").calls)
        .containsExactly(
            new Comment("hello"), new Comment(" two"), new Comment(""), new Comment("x:y"));
  }

  @Test
  void commentsOfABlockAreJoinedOnTheEvent() {
    assertThat(parse(": a\ndata: x\n: b\n\n").calls)
        .containsExactly(
            new Comment("a"), new Comment("b"), event("message", "x", null, null, "a\nb"));
  }

  @Test
  void commentOnlyBlockDispatchesNothingAndDoesNotLeakIntoTheNextEvent() {
    assertThat(parse(": heartbeat\n\ndata: x\n\n").calls)
        .containsExactly(new Comment("heartbeat"), message("x"));
  }

  // --- end of stream

  @Test
  void unfinishedEventIsDiscardedAtTheEndOfTheStream() {
    assertThat(parse("data: a\n").calls).isEmpty();
    assertThat(parse("data: a").calls).isEmpty();
    assertThat(parse("data: a\n\ndata: b\n").events).containsExactly(message("a"));
  }

  @Test
  void streamEndingInCrDispatchesOnlyCompletedBlocks() {
    assertThat(parse("data: a\r\r").events).containsExactly(message("a"));
    assertThat(parse("data: a\r").events).isEmpty();
  }

  @Test
  void resetForgetsPartialState() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("event: x\ndata: partial\ndata: more");
    parser.feed(s, 0, s.length);
    parser.reset();
    byte[] t = utf8("\n\ndata: b\n\n");
    parser.feed(t, 0, t.length);
    // "\n" ends the (empty) line, "\n" is a blank line with nothing buffered.
    assertThat(r.events).containsExactly(message("b"));
  }

  @Test
  void crBeforeResetDoesNotSwallowTheNextStreamsLf() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] s = utf8("data: a\r");
    parser.feed(s, 0, s.length);
    parser.reset();
    byte[] t = utf8("\ndata: b\n\n");
    parser.feed(t, 0, t.length);
    assertThat(r.events).containsExactly(message("b"));
  }

  // --- input forms

  @Test
  void heapDirectAndReadOnlyByteBuffersAreConsumed() {
    byte[] stream = utf8("data: \u00e9t\u00e9\n\n".repeat(2000));
    for (ByteBuffer buffer :
        new ByteBuffer[] {
          ByteBuffer.wrap(stream),
          ByteBuffer.allocateDirect(stream.length).put(stream).flip(),
          ByteBuffer.wrap(stream).asReadOnlyBuffer(),
          ByteBuffer.wrap(concat(new byte[5], stream)).position(5).slice()
        }) {
      Recorder r = new Recorder();
      EventStreamParser parser = new EventStreamParser(r);
      parser.feed(buffer);
      assertThat(buffer.hasRemaining()).isFalse();
      assertThat(r.events).hasSize(2000).allMatch(e -> e.data().equals("\u00e9t\u00e9"));
    }
  }

  @Test
  void aHandlerMayFeedAnotherParserReadOnlyBuffersOnTheSameThread() {
    // Read-only buffers are copied through a per-thread array; a nested feed must not clobber the
    // bytes the outer parser has yet to read.
    Recorder inner = new Recorder();
    EventStreamParser innerParser = new EventStreamParser(inner);
    List<String> outer = new ArrayList<>();
    EventStreamParser outerParser =
        new EventStreamParser(
            event -> {
              outer.add(event.data());
              innerParser.feed(ByteBuffer.wrap(utf8("data: inner\n\n")).asReadOnlyBuffer());
            });
    outerParser.feed(ByteBuffer.wrap(utf8("data: one\n\ndata: two\n\n")).asReadOnlyBuffer());
    assertThat(outer).containsExactly("one", "two");
    assertThat(inner.events).extracting(ServerSentEvent::data).containsExactly("inner", "inner");
  }

  @Test
  void callerMayReuseTheChunkArrayAfterFeed() {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    byte[] buffer = new byte[16];
    byte[] first = utf8("data: kept\n");
    System.arraycopy(first, 0, buffer, 0, first.length);
    parser.feed(buffer, 0, first.length);
    Arrays.fill(buffer, (byte) 'X');
    buffer[0] = '\n';
    parser.feed(buffer, 0, 1);
    assertThat(r.events).containsExactly(message("kept"));
  }

  @Test
  void feedChecksItsRange() {
    EventStreamParser parser = new EventStreamParser(new Recorder());
    assertThatThrownBy(() -> parser.feed(new byte[4], 2, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> parser.feed(new byte[4], -1, 1))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void handlerExceptionPropagatesAndFailsTheParserUntilReset() {
    RuntimeException boom = new RuntimeException("boom");
    EventStreamParser parser =
        new EventStreamParser(
            new EventStreamHandler() {
              @Override
              public void onEvent(ServerSentEvent event) {
                if (event.data().equals("bad")) {
                  throw boom;
                }
              }
            });
    byte[] s = utf8("data: bad\n\ndata: lost\n\n");
    assertThatThrownBy(() -> parser.feed(s, 0, s.length)).isSameAs(boom);
    assertThatThrownBy(() -> parser.feed(s, 0, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reset")
        .hasCause(boom);
    parser.reset();
    byte[] ok = utf8("data: fine\n\n");
    parser.feed(ok, 0, ok.length);
  }
}
