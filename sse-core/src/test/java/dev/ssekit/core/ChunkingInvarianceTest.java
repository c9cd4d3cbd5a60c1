package dev.ssekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Parsing does not depend on how the bytes are split into reads. */
class ChunkingInvarianceTest {
  private static final String[] EOLS = {"\n", "\r", "\r\n"};

  /** What a parse produced: the callbacks, then the failure if any, and the last event ID. */
  private record Outcome(List<Object> calls, String failure, String lastEventId) {}

  @Test
  void generatedStreamsGiveTheSameCallbacksHoweverTheyAreSplit() {
    int events = 0;
    for (long seed = 1; seed <= 400; seed++) {
      Random random = new Random(seed);
      byte[] stream = generate(random);
      SseLimits limits = SseLimits.DEFAULT;
      Outcome whole = parse(stream, limits, new int[] {stream.length}, false);
      assertThat(whole.failure).as("seed %d", seed).isNull();
      events += whole.calls.stream().filter(c -> c instanceof ServerSentEvent).count();
      assertThat(parse(stream, limits, ones(stream.length), false))
          .as("bytewise, seed %d", seed)
          .isEqualTo(whole);
      for (int split = 0; split < 5; split++) {
        int[] sizes = randomSizes(random, stream.length);
        assertThat(parse(stream, limits, sizes, split % 2 == 1))
            .as("seed %d split %d", seed, split)
            .isEqualTo(whole);
      }
    }
    assertThat(events).as("the generator makes streams with events").isGreaterThan(1000);
  }

  @Test
  void limitFailuresHappenAtTheSamePointHoweverTheStreamIsSplit() {
    Set<String> failures = new HashSet<>();
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      byte[] stream = generate(random);
      SseLimits limits = new SseLimits(8 + random.nextInt(40), 8 + random.nextInt(80));
      Outcome whole = parse(stream, limits, new int[] {stream.length}, false);
      failures.add(whole.failure);
      assertThat(parse(stream, limits, ones(stream.length), false))
          .as("bytewise, seed %d", seed)
          .isEqualTo(whole);
      for (int split = 0; split < 3; split++) {
        assertThat(parse(stream, limits, randomSizes(random, stream.length), split == 1))
            .as("seed %d split %d", seed, split)
            .isEqualTo(whole);
      }
    }
    assertThat(failures)
        .as("both limits and success are exercised")
        .contains(null, "LINE_LENGTH", "EVENT_SIZE");
  }

  private static Outcome parse(byte[] stream, SseLimits limits, int[] sizes, boolean direct) {
    Recorder r = new Recorder();
    EventStreamParser parser = new EventStreamParser(r, limits);
    String failure = null;
    try {
      int at = 0;
      for (int size : sizes) {
        if (direct) {
          ByteBuffer b = ByteBuffer.allocateDirect(size).put(stream, at, size).flip();
          parser.feed(b);
        } else {
          parser.feed(stream, at, size);
        }
        at += size;
      }
      parser.end();
    } catch (SseLimitExceededException e) {
      failure = e.limit().name();
    }
    return new Outcome(r.calls, failure, parser.lastEventId());
  }

  private static int[] ones(int n) {
    int[] sizes = new int[n];
    Arrays.fill(sizes, 1);
    return sizes;
  }

  private static int[] randomSizes(Random random, int total) {
    List<Integer> sizes = new ArrayList<>();
    int left = total;
    while (left > 0) {
      int max = random.nextBoolean() ? 4 : 64;
      int n = Math.min(left, random.nextInt(max + 1)); // zero-length chunks included
      sizes.add(n);
      left -= n;
    }
    return sizes.stream().mapToInt(Integer::intValue).toArray();
  }

  /** A stream mixing every kind of line, line ending, BOM and UTF-8 oddity. */
  static byte[] generate(Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (random.nextInt(4)) {
      case 0:
        write(out, 0xEF, 0xBB, 0xBF);
        break;
      case 1:
        write(out, 0xEF, 0xBB);
        break;
      default:
    }
    int lines = random.nextInt(60);
    for (int i = 0; i < lines; i++) {
      switch (random.nextInt(12)) {
        case 0:
        case 1:
        case 2:
          text(out, "data: ");
          value(out, random);
          break;
        case 3:
          text(out, random.nextBoolean() ? "data" : "data:");
          break;
        case 4:
          text(out, "event: " + (random.nextBoolean() ? "ping" : "t" + random.nextInt(3)));
          break;
        case 5:
          text(out, "id: ");
          value(out, random);
          if (random.nextInt(4) == 0) {
            out.write(0);
          }
          break;
        case 6:
          text(out, "retry: " + (random.nextBoolean() ? "" + random.nextInt(10000) : "1x"));
          break;
        case 7:
          text(out, ":");
          value(out, random);
          break;
        case 8:
          text(out, random.nextBoolean() ? "unknown: x" : "Data: y");
          break;
        default:
          break; // a blank line
      }
      text(out, EOLS[random.nextInt(EOLS.length)]);
    }
    if (random.nextBoolean()) {
      text(out, "data: unfinished");
    }
    return out.toByteArray();
  }

  private static void value(ByteArrayOutputStream out, Random random) {
    int n = random.nextInt(12);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(6)) {
        case 0:
          text(out, "\u00e9");
          break;
        case 1:
          text(out, "\ud83d\ude00");
          break;
        case 2:
          write(out, 0xE2, 0x82); // truncated
          break;
        case 3:
          write(out, 0xED, 0xA0, 0x80, 0xFF);
          break;
        case 4:
          text(out, random.nextBoolean() ? " " : ":");
          break;
        default:
          text(out, "abc");
      }
    }
  }

  private static void text(ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(ByteArrayOutputStream out, int... bytes) {
    for (int b : bytes) {
      out.write(b);
    }
  }
}
