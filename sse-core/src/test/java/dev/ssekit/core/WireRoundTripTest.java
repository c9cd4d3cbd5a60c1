package dev.ssekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.Recorder.Comment;
import dev.ssekit.core.Recorder.LastId;
import dev.ssekit.core.Recorder.Retry;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Round trip is law: parsing what the encoder wrote gives back the events, however split. */
class WireRoundTripTest {
  private static final String[] PIECES = {
    "a",
    "xyz",
    " ",
    "  ",
    ":",
    ": ",
    "\n",
    "\r",
    "\r\n",
    "\n\n",
    "\u0000",
    "\t",
    "\u00e9",
    "\u20ac",
    "\ud83d\ude00",
    "\uFEFF",
    "data: ",
    "event: x",
    "id: 1",
    "retry: 5",
    "\u2028",
    "{\"a\":1}"
  };

  @Test
  void parseOfEncodeIsTheEventWithLineBreaksAsLf() {
    for (long seed = 1; seed <= 500; seed++) {
      Random random = new Random(seed);
      List<ServerSentEvent> sent = new ArrayList<>();
      SseEncoder encoder = new SseEncoder();
      int n = 1 + random.nextInt(8);
      for (int i = 0; i < n; i++) {
        ServerSentEvent e = randomEvent(random);
        sent.add(e);
        encoder.append(e);
      }
      byte[] wire = encoder.toByteArray();
      List<ServerSentEvent> expected = sent.stream().map(WireRoundTripTest::received).toList();
      assertThat(Recorder.parse(wire).events).as("seed %d", seed).isEqualTo(expected);
      assertThat(Recorder.parseBytewise(wire).events)
          .as("seed %d bytewise", seed)
          .isEqualTo(expected);
    }
  }

  @Test
  void callbacksMirrorTheFieldsOfEachFrame() {
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      ServerSentEvent e = randomEvent(random);
      List<Object> expected = new ArrayList<>();
      if (e.comment() != null) {
        for (String line : normalize(e.comment()).split("\n", -1)) {
          expected.add(new Comment(line));
        }
      }
      if (e.retry() != null) {
        expected.add(new Retry(e.retry()));
      }
      if (e.id() != null) {
        expected.add(new LastId(e.id()));
      }
      expected.add(received(e));
      assertThat(Recorder.parse(SseEncoder.encode(e)).calls)
          .as("seed %d", seed)
          .isEqualTo(expected);
    }
  }

  @Test
  void examplesThatNeedCare() {
    for (String data :
        new String[] {
          "",
          " ",
          " leading",
          "trailing\n",
          "\n",
          "\r\n\r\n",
          "a\u0000b",
          "\ud83d\ude00",
          "data: nested",
          "\n\nid: 6\n\n"
        }) {
      ServerSentEvent e = ServerSentEvent.builder().type("t").id("").retry(0L).data(data).build();
      assertThat(Recorder.parse(SseEncoder.encode(e)).events)
          .as("data %s", data.replace("\n", "\\n").replace("\r", "\\r"))
          .containsExactly(received(e));
    }
  }

  @Test
  void eventsWithoutDataDispatchNothingButKeepTheirIdRetryAndComment() {
    ServerSentEvent e =
        ServerSentEvent.builder().type("ignored").id("7").retry(10L).comment("c").build();
    assertThat(Recorder.parse(SseEncoder.encode(e)).calls)
        .containsExactly(new Comment("c"), new Retry(10), new LastId("7"));
  }

  @Test
  void loneSurrogatesArriveAsReplacementCharacters() {
    ServerSentEvent e = ServerSentEvent.of("a\ud800b\udc00");
    assertThat(Recorder.parse(SseEncoder.encode(e)).events)
        .containsExactly(ServerSentEvent.of("a\uFFFDb\uFFFD"));
  }

  @Test
  void namesAndIdsThatWouldForgeFieldsAreRejectedAndNothingIsWritten() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      String bad = randomText(random) + (random.nextBoolean() ? "\n" : "\r") + randomText(random);
      SseEncoder encoder = new SseEncoder().append(ServerSentEvent.of("before"));
      byte[] before = encoder.toByteArray();
      assertThatThrownBy(() -> ServerSentEvent.builder().type(bad))
          .as("seed %d", seed)
          .hasMessageContaining("event type");
      assertThatThrownBy(() -> ServerSentEvent.builder().id(bad)).hasMessageContaining("event id");
      assertThatThrownBy(() -> encoder.append("v", TextCodec.named(bad)))
          .as("seed %d", seed)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("event type");
      assertThatThrownBy(() -> encoder.append("v", TextCodec.named("t"), bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("event id");
      assertThat(encoder.toByteArray()).isEqualTo(before);
    }
  }

  /** What a receiver dispatches for {@code e}: the wire has one line break, LF. */
  static ServerSentEvent received(ServerSentEvent e) {
    return ServerSentEvent.parsed(
        e.type(),
        e.data() == null ? null : normalize(e.data()),
        e.id(),
        e.retry(),
        e.comment() == null ? null : normalize(e.comment()));
  }

  private static String normalize(String s) {
    return s.replace("\r\n", "\n").replace('\r', '\n');
  }

  static ServerSentEvent randomEvent(Random random) {
    ServerSentEvent.Builder b = ServerSentEvent.builder().data(randomText(random));
    if (random.nextBoolean()) {
      String type = withoutLineBreaks(randomText(random));
      b.type(type.isEmpty() ? null : type);
    }
    if (random.nextBoolean()) {
      b.id(withoutLineBreaks(randomText(random)).replace("\u0000", ""));
    }
    if (random.nextInt(3) == 0) {
      b.retry(
          random.nextBoolean()
              ? (long) random.nextInt(100_000)
              : Long.MAX_VALUE - random.nextInt(3));
    }
    if (random.nextInt(3) == 0) {
      b.comment(randomText(random));
    }
    return b.build();
  }

  private static String withoutLineBreaks(String s) {
    return s.replace("\r", "").replace("\n", "");
  }

  private static String randomText(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(6);
    for (int i = 0; i < n; i++) {
      s.append(PIECES[random.nextInt(PIECES.length)]);
    }
    return s.toString();
  }
}
