package dev.ssekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.HostileStreams.Feeding;
import dev.ssekit.core.internal.FieldRules;
import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No value in an event's data, type, id or comment can make a parser see a different event. Random
 * values heavy in line breaks, field prefixes, NUL, BOM, U+2028/U+2029 and surrogates are encoded,
 * parsed back (whole and in random reads) and compared with what the values say, modulo the two
 * documented normalisations: CR and CRLF in data and comments arrive as LF, and a lone surrogate
 * in data or a comment arrives as U+FFFD. Values that would forge fields, and types or ids that
 * UTF-8 cannot carry, are rejected before anything is written.
 */
class EncoderInjectionTest {
  private static final String[] PIECES = {
    "\r",
    "\n",
    "\r\n",
    "\n\r",
    "\r\r",
    "\n\n",
    ":",
    ": ",
    " ",
    "data:",
    "data: x",
    "event:",
    "event: evil",
    "id:",
    "id: 666",
    "retry:",
    "retry: 1",
    "\u0000",
    "\uFEFF",
    "\u2028",
    "\u2029",
    "\uD800",
    "\uDFFF",
    "\uD83D\uDE00",
    "\uDE00\uD83D",
    "a",
    "\u00e9",
    "message",
    "\\",
    "\"",
    "\t",
  };

  @Test
  void randomEventsArriveAsTheyWereWrittenAndNothingBleedsIntoTheNextEvent() {
    int cases = FuzzBudget.iterations(2000);
    long first = FuzzBudget.firstSeed();
    int rejected = 0;
    int dispatched = 0;
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      SseEncoder encoder = new SseEncoder();
      Expectation expected = new Expectation();
      int operations = 1 + random.nextInt(6);
      for (int i = 0; i < operations; i++) {
        int kind = random.nextInt(20);
        if (kind < 14) {
          rejected += appendRandomEvent(random, encoder, expected);
        } else if (kind < 17) {
          String comment = hostile(random);
          encoder.appendComment(comment);
          expected.comments(comment);
        } else if (kind < 19) {
          encoder.appendHeartbeat();
          expected.comments("");
          expected.blankLine(null, null);
        } else {
          long millis = random.nextInt(100_000);
          encoder.appendRetry(millis);
          expected.retry(millis);
          expected.blankLine(null, null);
        }
      }
      byte[] stream = encoder.toByteArray();
      long s = seed;
      for (Feeding how : new Feeding[] {Feeding.WHOLE, Feeding.RANDOM_ARRAYS}) {
        Recorder r = new Recorder();
        EventStreamParser parser = new EventStreamParser(r);
        HostileStreams.feed(parser, stream, how, random);
        parser.end();
        assertThat(r.calls)
            .as(() -> "seed " + s + " fed " + how + ", stream " + HostileStreams.show(stream))
            .isEqualTo(expected.calls);
      }
      // The standard's own algorithm reads the same.
      assertThat(WhatwgReferenceParser.interpret(stream).calls)
          .as("seed %d", seed)
          .isEqualTo(expected.calls);
      dispatched += (int) expected.calls.stream().filter(c -> c instanceof ServerSentEvent).count();
    }
    assertThat(rejected).as("invalid types and ids were generated").isGreaterThan(cases / 10);
    assertThat(dispatched).as("events were dispatched").isGreaterThan(cases);
  }

  /** Appends one random event; returns how many invalid fields the builder rejected. */
  private static int appendRandomEvent(Random random, SseEncoder encoder, Expectation expected) {
    int rejected = 0;
    ServerSentEvent.Builder builder = ServerSentEvent.builder();
    String type =
        random.nextInt(4) == 0 ? null : random.nextBoolean() ? "message" : hostile(random);
    if (type != null && (type.isEmpty() || hasLineBreak(type) || hasLoneSurrogate(type))) {
      String invalid = type;
      assertThatThrownBy(() -> ServerSentEvent.builder().type(invalid))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("event type");
      rejected++;
      type = null;
    }
    builder.type(type);
    String id = random.nextInt(3) == 0 ? null : hostile(random);
    if (id != null && (hasLineBreak(id) || id.indexOf('\0') >= 0 || hasLoneSurrogate(id))) {
      String invalid = id;
      assertThatThrownBy(() -> ServerSentEvent.builder().id(invalid))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("event id");
      rejected++;
      id = null;
    }
    builder.id(id);
    Long retry = random.nextInt(4) == 0 ? (long) random.nextInt(Integer.MAX_VALUE) : null;
    builder.retry(retry);
    String comment = random.nextInt(3) == 0 ? hostile(random) : null;
    builder.comment(comment);
    String data = random.nextInt(8) == 0 ? null : hostile(random);
    builder.data(data);
    encoder.append(builder.build());

    boolean writesAnything = data != null || comment != null || id != null || retry != null;
    if (!writesAnything) {
      return rejected; // nothing written: pending comments stay pending
    }
    if (comment != null) {
      expected.comments(comment);
    }
    if (retry != null) {
      expected.retry(retry);
    }
    ServerSentEvent event = null;
    if (data != null) {
      event =
          ServerSentEvent.parsed(
              type == null ? "message" : normalize(type),
              normalize(data),
              id == null ? null : normalize(id),
              retry,
              null);
    }
    expected.blankLine(id == null ? null : normalize(id), event);
    return rejected;
  }

  @Test
  void invalidTypesAndIdsAreRejectedAndNothingIsWritten() {
    int cases = FuzzBudget.iterations(2000);
    long first = FuzzBudget.firstSeed();
    TextEventCodec good = new TextEventCodec("ok");
    int checked = 0;
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      String value = hostile(random);
      SseEncoder encoder = new SseEncoder();
      encoder.append(new TextEvent("before", 1, null), good);
      byte[] before = encoder.toByteArray();

      boolean badType = value.isEmpty() || hasLineBreak(value) || hasLoneSurrogate(value);
      TextEventCodec named = new TextEventCodec(value);
      TextEvent plain = new TextEvent("x", 2, null);
      if (badType) {
        checked++;
        assertThatThrownBy(() -> encoder.append(plain, named))
            .as("seed %d", seed)
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FieldRules.checkType(value))
            .isInstanceOf(IllegalArgumentException.class);
      } else {
        assertThat(FieldRules.checkType(value)).isSameAs(value);
      }
      assertThat(encoder.toByteArray()).as("seed %d", seed).isEqualTo(before);

      boolean badId = hasLineBreak(value) || value.indexOf('\0') >= 0 || hasLoneSurrogate(value);
      TextEvent withId = new TextEvent("x", 3, value);
      if (badId) {
        checked++;
        assertThatThrownBy(() -> encoder.append(withId, good))
            .as("seed %d", seed)
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.append(plain, good, value))
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(encoder.toByteArray()).as("seed %d", seed).isEqualTo(before);
    }
    assertThat(checked).isGreaterThan(cases / 2);
  }

  @Test
  void typedEventsKeepTheirJsonOnOneDataLineWhateverTheStringsContain() {
    int cases = FuzzBudget.iterations(2000);
    long first = FuzzBudget.firstSeed();
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      SseEncoder encoder = new SseEncoder();
      List<Object> expected = new ArrayList<>();
      List<TextEvent> values = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int i = 0; i < n; i++) {
        String text = hostile(random);
        String id =
            random.nextBoolean()
                ? null
                : withoutLoneSurrogates(hostile(random).replaceAll("[\r\n\0]", ""));
        TextEvent value = new TextEvent(text, random.nextInt(), id);
        TextEventCodec codec = new TextEventCodec(random.nextBoolean() ? "message" : "t\u2028" + i);
        encoder.append(value, codec);
        values.add(value);
        if (id != null) {
          expected.add(new Recorder.LastId(normalize(id)));
        }
        expected.add(codec.eventName());
      }
      byte[] stream = encoder.toByteArray();
      Recorder r = new Recorder();
      EventStreamParser parser = new EventStreamParser(r);
      HostileStreams.feed(parser, stream, Feeding.RANDOM_ARRAYS, random);
      parser.end();
      List<Object> seen = new ArrayList<>();
      List<TextEvent> read = new ArrayList<>();
      for (Object call : r.calls) {
        if (call instanceof ServerSentEvent) {
          ServerSentEvent e = (ServerSentEvent) call;
          assertThat(e.data()).as("seed %d: one data line", seed).doesNotContain("\n", "\r");
          assertThat(e.data()).doesNotContain("\u2028", "\u2029");
          seen.add(e.type());
          read.add(TextEventCodec.READER.fromJson(e.data()));
        } else {
          seen.add(call);
        }
      }
      long s = seed;
      assertThat(seen)
          .as(() -> "seed " + s + ": " + HostileStreams.show(stream))
          .isEqualTo(expected);
      // Exact, lone surrogates included: JSON escapes what UTF-8 cannot carry.
      assertThat(read).as("seed %d", seed).isEqualTo(values);
    }
  }

  @Test
  void crOnlyAndCrlfDataArriveAsLfAndForgedFieldsStayData() {
    assertThat(roundTrip(ServerSentEvent.of("a\rb\r\rc\r")).data()).isEqualTo("a\nb\n\nc\n");
    assertThat(roundTrip(ServerSentEvent.of("a\r\nb\r\n\r\nc")).data()).isEqualTo("a\nb\n\nc");
    assertThat(roundTrip(ServerSentEvent.of("\r")).data()).isEqualTo("\n");
    assertThat(roundTrip(ServerSentEvent.of("\r\n")).data()).isEqualTo("\n");
    assertThat(roundTrip(ServerSentEvent.of("\n\r")).data()).isEqualTo("\n\n");
    String forged = "x\n\nevent: evil\nid: 666\nretry: 1\ndata: stolen\n\n";
    Recorder r = Recorder.parse(SseEncoder.encode(ServerSentEvent.of("chat", forged)));
    assertThat(r.calls).containsExactly(ServerSentEvent.parsed("chat", forged, null, null, null));
    ServerSentEvent comment =
        ServerSentEvent.builder().comment("c\r\ndata: evil\r\rid: 1").data("d").build();
    assertThat(Recorder.parse(SseEncoder.encode(comment)).events)
        .containsExactly(
            ServerSentEvent.parsed("message", "d", null, null, "c\ndata: evil\n\nid: 1"));
    // U+2028 and U+2029 are not line breaks in an event stream: allowed in types and ids.
    ServerSentEvent separators =
        ServerSentEvent.builder().type("a\u2028b").id("1\u20292").data("\u2028").build();
    assertThat(roundTrip(separators)).isEqualTo(separators);
  }

  private static ServerSentEvent roundTrip(ServerSentEvent event) {
    List<ServerSentEvent> events = Recorder.parse(SseEncoder.encode(event)).events;
    assertThat(events).hasSize(1);
    return events.get(0);
  }

  private static String hostile(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(7);
    for (int i = 0; i < n; i++) {
      if (random.nextInt(6) == 0) {
        s.append((char) random.nextInt(0x10000)); // any UTF-16 unit, surrogates included
      } else {
        s.append(PIECES[random.nextInt(PIECES.length)]);
      }
    }
    return s.toString();
  }

  /** UTF-8 cannot carry an unpaired surrogate, so types and ids refuse one. */
  private static boolean hasLoneSurrogate(String s) {
    return !withoutLoneSurrogates(s).equals(s);
  }

  private static String withoutLoneSurrogates(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(cp -> out.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? '?' : cp));
    return out.toString();
  }

  private static boolean hasLineBreak(String s) {
    return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
  }

  /** The documented normalisations, written out plainly: line breaks to LF, lone surrogates. */
  static String normalize(String s) {
    String lf = s.replace("\r\n", "\n").replace('\r', '\n');
    StringBuilder out = new StringBuilder();
    lf.codePoints().forEach(cp -> out.appendCodePoint(cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp));
    return out.toString();
  }

  /** What the parser must report for a sequence of appends. */
  private static final class Expectation {
    final List<Object> calls = new ArrayList<>();
    private final List<String> blockComments = new ArrayList<>();

    void comments(String comment) {
      for (String line : normalize(comment).split("\n", -1)) {
        calls.add(new Recorder.Comment(line));
        blockComments.add(line);
      }
    }

    void retry(long millis) {
      calls.add(new Recorder.Retry(millis));
    }

    /** The end of a block: its id, then its event with the block's comments attached. */
    void blankLine(String id, ServerSentEvent event) {
      if (id != null) {
        calls.add(new Recorder.LastId(id));
      }
      if (event != null) {
        String comment = blockComments.isEmpty() ? null : String.join("\n", blockComments);
        calls.add(
            ServerSentEvent.parsed(event.type(), event.data(), event.id(), event.retry(), comment));
      }
      blockComments.clear();
    }
  }

  /** A typed event for the tests. */
  record TextEvent(String text, int n, String id) {}

  /** A hand-written codec: {@code {"text":...,"n":...}} and the id from the value. */
  static final class TextEventCodec implements SseCodec<TextEvent> {
    static final TextEventCodec READER = new TextEventCodec("reader");
    private final String name;

    TextEventCodec(String name) {
      this.name = name;
    }

    @Override
    public String eventName() {
      return name;
    }

    @Override
    public Class<TextEvent> type() {
      return TextEvent.class;
    }

    @Override
    public String id(TextEvent value) {
      return value.id();
    }

    @Override
    public void write(JsonWriter out, TextEvent value) {
      out.beginObject().name("text").value(value.text()).name("n").value(value.n());
      if (value.id() != null) {
        out.name("id").value(value.id());
      }
      out.endObject();
    }

    @Override
    public TextEvent read(JsonReader in) {
      String text = null;
      int n = 0;
      String id = null;
      in.beginObject();
      while (in.hasNext()) {
        switch (in.nextName()) {
          case "text":
            text = in.nextString();
            break;
          case "n":
            n = in.nextInt();
            break;
          case "id":
            id = in.nextString();
            break;
          default:
            in.skipValue();
        }
      }
      in.endObject();
      return new TextEvent(Objects.requireNonNull(text), n, id);
    }
  }
}
