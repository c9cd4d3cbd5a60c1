package dev.ssekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.HostileStreams.Feeding;
import dev.ssekit.core.SseLimitExceededException.Limit;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Arbitrary bytes, cut into arbitrary reads, under small random limits: the parser throws nothing
 * but {@link SseLimitExceededException}, its buffers never exceed the limits plus a constant, what
 * it reported before failing is what the standard says, and a line-length failure means there was a
 * line that long.
 */
class ParserFuzzTest {
  /** Beyond the limits: the data buffer also holds the LF after the last data line. */
  private static final int SLACK = 1;

  @Test
  void arbitraryBytesEitherParseAsTheStandardSaysOrHitALimitWithBoundedMemory() {
    int cases = FuzzBudget.iterations(4000);
    long first = FuzzBudget.firstSeed();
    Set<Limit> failures = EnumSet.noneOf(Limit.class);
    int succeeded = 0;
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      byte[] stream = HostileStreams.stream(random, 120);
      SseLimits limits = new SseLimits(1 + random.nextInt(64), 1 + random.nextInt(128));
      Feeding how = Feeding.values()[random.nextInt(Feeding.values().length)];
      long s = seed;
      Supplier<String> context =
          () ->
              "seed "
                  + s
                  + " limits "
                  + limits
                  + " fed "
                  + how
                  + ": "
                  + HostileStreams.show(stream);

      Recorder r = new Recorder();
      EventStreamParser parser = new EventStreamParser(r, limits);
      long bound = (long) limits.maxLineLength() + 2L * limits.maxEventSize() + SLACK;
      long[] retained = {0};
      Runnable measure = () -> retained[0] = Math.max(retained[0], parser.retainedCapacity());
      SseLimitExceededException failure = null;
      try {
        HostileStreams.feed(parser, stream, how, random, measure);
        parser.end();
      } catch (SseLimitExceededException e) {
        failure = e;
      } catch (RuntimeException | Error e) {
        throw new AssertionError("undocumented exception, " + context.get(), e);
      }
      measure.run();
      assertThat(retained[0])
          .as(() -> "retained bytes, " + context.get())
          .isLessThanOrEqualTo(bound);

      List<Object> expected = WhatwgReferenceParser.interpret(stream).calls;
      if (failure == null) {
        succeeded++;
        assertThat(r.calls).as(context).isEqualTo(expected);
      } else {
        failures.add(failure.limit());
        // Everything reported before the failure is what the standard says, in order.
        assertThat(r.calls.size()).as(context).isLessThanOrEqualTo(expected.size());
        assertThat(r.calls).as(context).isEqualTo(expected.subList(0, r.calls.size()));
        if (failure.limit() == Limit.LINE_LENGTH) {
          assertThat(longestLine(stream)).as(context).isGreaterThan(limits.maxLineLength());
        }
        assertFailedUntilReset(parser, failure.limit(), context);
      }
      if (longestLine(stream) > limits.maxLineLength()) {
        assertThat(failure)
            .as(() -> "a line over the limit fails the parser, " + context.get())
            .isNotNull();
      }
    }
    assertThat(failures).as("both limits are hit").containsExactlyInAnyOrder(Limit.values());
    assertThat(succeeded).as("and many streams fit").isGreaterThan(cases / 10);
  }

  @Test
  void longStreamsUnderSmallLimitsKeepTheParserSmall() {
    // Many events, each within the limits: memory stays bounded by the limits, not the stream.
    // Each case is a long stream: a hundredth of the budget the other properties get.
    int cases = Math.max(1, FuzzBudget.iterations(2000) / 100);
    long first = FuzzBudget.firstSeed();
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      SseLimits limits = new SseLimits(64 + random.nextInt(512), 128 + random.nextInt(4096));
      Recorder r = new Recorder();
      EventStreamParser parser = new EventStreamParser(r, limits);
      long bound = (long) limits.maxLineLength() + 2L * limits.maxEventSize() + SLACK;
      int max = 0;
      for (int i = 0; i < 2000; i++) {
        byte[] frame = HostileStreams.lines(random, 6);
        try {
          HostileStreams.feed(parser, frame, Feeding.RANDOM_ARRAYS, random);
        } catch (SseLimitExceededException e) {
          parser.reset();
        }
        max = Math.max(max, parser.retainedCapacity());
      }
      assertThat((long) max).as("seed %d limits %s", seed, limits).isLessThanOrEqualTo(bound);
    }
  }

  private static void assertFailedUntilReset(
      EventStreamParser parser, Limit limit, Supplier<String> context) {
    byte[] ok = HostileStreams.ascii("\n\r\n"); // fits any limits
    assertThatThrownBy(() -> parser.feed(ok, 0, ok.length))
        .as(context)
        .isInstanceOfSatisfying(
            SseLimitExceededException.class, e -> assertThat(e.limit()).isEqualTo(limit));
    parser.reset();
    parser.feed(ok, 0, ok.length); // usable again after reset()
  }

  /**
   * The longest line in bytes, line break excluded, after a leading BOM. A stream that is only the
   * start of a BOM has no line: the parser is still waiting to see whether the BOM completes.
   */
  private static int longestLine(byte[] b) {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    int matched = 0;
    while (matched < Math.min(b.length, 3) && b[matched] == bom[matched]) {
      matched++;
    }
    if (matched == b.length && matched < 3) {
      return 0;
    }
    int from = matched == 3 ? 3 : 0;
    int longest = 0;
    int length = 0;
    for (int i = from; i < b.length; i++) {
      if (b[i] == '\r' || b[i] == '\n') {
        length = 0;
      } else {
        longest = Math.max(longest, ++length);
      }
    }
    return longest;
  }
}
