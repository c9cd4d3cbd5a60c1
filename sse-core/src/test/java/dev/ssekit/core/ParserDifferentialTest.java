package dev.ssekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ssekit.core.HostileStreams.Feeding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parser agrees with {@link WhatwgReferenceParser}, a plain transcription of the standard, on
 * random streams heavy in field names, colons, spaces, CR, LF, BOMs, NUL and multi-byte and invalid
 * UTF-8, whether fed whole, byte by byte, in random arrays or through heap and direct buffers.
 */
class ParserDifferentialTest {

  /** What a parse produced. */
  private record Outcome(List<Object> calls, String lastEventId) {}

  @Test
  void parserMatchesTheReferenceOnRandomStreamsHoweverTheyAreFed() {
    int cases = FuzzBudget.iterations(3000);
    long first = FuzzBudget.firstSeed();
    int events = 0;
    int withReplacement = 0;
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      byte[] stream = HostileStreams.stream(random, 60);
      WhatwgReferenceParser reference = WhatwgReferenceParser.interpret(stream);
      Outcome expected = new Outcome(reference.calls, reference.lastEventId);
      for (Object call : reference.calls) {
        if (call instanceof ServerSentEvent) {
          events++;
          if (((ServerSentEvent) call).data().indexOf('\uFFFD') >= 0) {
            withReplacement++;
          }
        }
      }
      Feeding[] feedings = Feeding.values();
      // Whole, and one other way chosen by the seed, so every way is exercised often.
      for (Feeding how : new Feeding[] {Feeding.WHOLE, feedings[random.nextInt(feedings.length)]}) {
        assertThat(parse(stream, how, random))
            .as("seed %d fed %s, stream %s", seed, how, HostileStreams.show(stream))
            .isEqualTo(expected);
      }
    }
    // The generator is worth something only if it produces events, including broken UTF-8.
    assertThat(events).as("events dispatched").isGreaterThan(cases / 3);
    assertThat(withReplacement).as("events with U+FFFD in data").isGreaterThan(cases / 50);
  }

  @Test
  void pullReaderMatchesTheReferenceOverShortReads() throws IOException {
    int cases = FuzzBudget.iterations(500);
    long first = FuzzBudget.firstSeed();
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      byte[] stream = HostileStreams.lines(random, 30);
      WhatwgReferenceParser reference = WhatwgReferenceParser.interpret(stream);
      List<Object> expectedEvents = new ArrayList<>();
      for (Object call : reference.calls) {
        if (call instanceof ServerSentEvent) {
          expectedEvents.add(call);
        }
      }
      List<Object> events = new ArrayList<>();
      try (EventStreamReader reader =
          new EventStreamReader(new DribblingInputStream(stream, new Random(seed)))) {
        for (ServerSentEvent e; (e = reader.next()) != null; ) {
          events.add(e);
        }
        assertThat(reader.lastEventId()).as("seed %d", seed).isEqualTo(reference.lastEventId);
      }
      assertThat(events).as("seed %d", seed).isEqualTo(expectedEvents);
    }
  }

  @Test
  void referenceDecodesUtf8AsTheEncodingStandardSays() {
    // Sanity checks of the oracle itself, from the Encoding standard's examples of maximal
    // subparts.
    assertThat(WhatwgReferenceParser.utf8Decode(HostileStreams.bytes(0xED, 0xA0, 0x80)))
        .isEqualTo("\uFFFD\uFFFD\uFFFD");
    assertThat(WhatwgReferenceParser.utf8Decode(HostileStreams.bytes(0xF0, 0x9F, 0x98, 0x41)))
        .isEqualTo("\uFFFDA");
    assertThat(WhatwgReferenceParser.utf8Decode(HostileStreams.bytes(0xE2, 0x82, 0xAC, 0xC0, 0xAF)))
        .isEqualTo("\u20AC\uFFFD\uFFFD");
    assertThat(WhatwgReferenceParser.utf8Decode(HostileStreams.bytes(0xF0, 0x9F, 0x98, 0x80)))
        .isEqualTo("\uD83D\uDE00");
    assertThat(WhatwgReferenceParser.lines("a\r\nb\rc\n\nd")).containsExactly("a", "b", "c", "");
  }

  private static Outcome parse(byte[] stream, Feeding how, Random random) {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r);
    HostileStreams.feed(parser, stream, how, random);
    parser.end();
    return new Outcome(r.calls, parser.lastEventId());
  }

  /** Returns between zero and a few bytes per read, as a slow network does. */
  private static final class DribblingInputStream extends InputStream {
    private final ByteArrayInputStream in;
    private final Random random;

    DribblingInputStream(byte[] bytes, Random random) {
      this.in = new ByteArrayInputStream(bytes);
      this.random = random;
    }

    @Override
    public int read() {
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (len == 0) {
        return 0;
      }
      return in.read(b, off, 1 + random.nextInt(Math.min(len, 7)));
    }
  }
}
