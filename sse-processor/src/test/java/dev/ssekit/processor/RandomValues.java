package dev.ssekit.processor;

import dev.ssekit.processor.fixtures.Color;
import dev.ssekit.processor.fixtures.Containers;
import dev.ssekit.processor.fixtures.Line;
import dev.ssekit.processor.fixtures.Scalars;
import dev.ssekit.processor.fixtures.Tree;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/** Random fixture values from a seeded {@link Random}, nulls and empties included. */
final class RandomValues {
  private static final String[] ZONES = {"UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo"};
  private final Random random;

  RandomValues(long seed) {
    this.random = new Random(seed);
  }

  /** Null about one time in five. */
  private <T> T maybe(Supplier<T> value) {
    return random.nextInt(5) == 0 ? null : value.get();
  }

  String string() {
    int length = random.nextInt(12);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(6)) {
        case 0:
          s.append((char) random.nextInt(0x20)); // control characters, CR and LF among them
          break;
        case 1:
          s.append("\"\\/".charAt(random.nextInt(3)));
          break;
        case 2:
          s.append(character());
          break;
        case 3:
          s.appendCodePoint(0x1F600 + random.nextInt(50)); // a surrogate pair
          break;
        case 4:
          s.append(random.nextBoolean() ? '\u2028' : '\u2029');
          break;
        default:
          s.append((char) ('a' + random.nextInt(26)));
      }
    }
    return s.toString();
  }

  char character() {
    char c;
    do {
      c = (char) random.nextInt(0x10000);
    } while (Character.isSurrogate(c));
    return c;
  }

  float aFloat() {
    float f;
    do {
      f = Float.intBitsToFloat(random.nextInt());
    } while (Float.isNaN(f) || Float.isInfinite(f));
    return f;
  }

  double aDouble() {
    double d;
    do {
      d = Double.longBitsToDouble(random.nextLong());
    } while (Double.isNaN(d) || Double.isInfinite(d));
    return d;
  }

  BigDecimal bigDecimal() {
    return new BigDecimal(new BigInteger(80, random), random.nextInt(20) - 5)
        .multiply(random.nextBoolean() ? BigDecimal.ONE : BigDecimal.ONE.negate());
  }

  Instant instant() {
    return Instant.ofEpochSecond(
        random.nextInt(2_000_000_000) - 1_000_000_000L, random.nextInt(1_000_000_000));
  }

  Color color() {
    return Color.values()[random.nextInt(Color.values().length)];
  }

  Line line() {
    return new Line(maybe(this::string), random.nextInt(), maybe(this::bigDecimal));
  }

  Tree tree(int depth) {
    List<Tree> children = new ArrayList<>();
    int n = depth == 0 ? 0 : random.nextInt(3);
    for (int i = 0; i < n; i++) {
      children.add(tree(depth - 1));
    }
    return new Tree(string(), random.nextInt(4) == 0 ? null : children);
  }

  <T> List<T> list(Supplier<T> element) {
    int n = random.nextInt(4);
    List<T> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      list.add(element.get());
    }
    return list;
  }

  Scalars scalars() {
    Instant instant = instant();
    ZoneOffset offset = ZoneOffset.ofTotalSeconds((random.nextInt(36) - 18) * 3600);
    ZoneId zone = ZoneId.of(ZONES[random.nextInt(ZONES.length)]);
    return new Scalars(
        random.nextBoolean(),
        (byte) random.nextInt(),
        (short) random.nextInt(),
        random.nextInt(),
        random.nextLong(),
        character(),
        aFloat(),
        aDouble(),
        maybe(random::nextBoolean),
        maybe(() -> (byte) random.nextInt()),
        maybe(() -> (short) random.nextInt()),
        maybe(random::nextInt),
        maybe(random::nextLong),
        maybe(this::character),
        maybe(this::aFloat),
        maybe(this::aDouble),
        maybe(this::string),
        maybe(this::bigDecimal),
        maybe(() -> new BigInteger(100, random).subtract(BigInteger.TWO.pow(99))),
        maybe(() -> new UUID(random.nextLong(), random.nextLong())),
        maybe(() -> URI.create("https://example.com/p" + random.nextInt(1000) + "?q=a%20b#f")),
        maybe(() -> instant),
        maybe(() -> OffsetDateTime.ofInstant(instant, offset)),
        maybe(() -> ZonedDateTime.ofInstant(instant, zone)),
        maybe(() -> LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000)),
        maybe(() -> LocalDateTime.ofInstant(instant, ZoneOffset.UTC)),
        maybe(() -> LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L))),
        maybe(() -> Duration.ofSeconds(random.nextInt(), random.nextInt(1_000_000_000))),
        maybe(this::color));
  }

  Containers containers() {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      counts.put(string(), maybe(random::nextInt));
    }
    Map<Color, List<Line>> byColor = new LinkedHashMap<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      byColor.put(color(), maybe(() -> list(this::line)));
    }
    Map<String, double[]> series = new LinkedHashMap<>();
    for (int i = random.nextInt(3); i > 0; i--) {
      series.put(string(), new double[] {aDouble(), aDouble()});
    }
    Set<Integer> intSet = new LinkedHashSet<>(list(random::nextInt));
    TreeSet<String> sorted = new TreeSet<>(list(this::string));
    Collection<Line> lineCollection = list(() -> maybe(this::line));
    return new Containers(
        // An absent Optional reads back as empty, never null: generate empties, not nulls.
        Optional.ofNullable(maybe(this::string)),
        random.nextBoolean() ? Optional.of(line()) : Optional.empty(),
        Optional.ofNullable(maybe(() -> list(() -> maybe(random::nextInt)))),
        random.nextBoolean() ? OptionalInt.of(random.nextInt()) : OptionalInt.empty(),
        random.nextBoolean() ? OptionalLong.of(random.nextLong()) : OptionalLong.empty(),
        random.nextBoolean() ? OptionalDouble.of(aDouble()) : OptionalDouble.empty(),
        maybe(() -> new int[] {random.nextInt(), random.nextInt(), random.nextInt()}),
        maybe(() -> new long[][] {{random.nextLong()}, {}, null, new long[9]}),
        maybe(() -> list(() -> maybe(this::string)).toArray(new String[0])),
        maybe(() -> list(this::line).toArray(new Line[0])),
        maybe(() -> new char[] {character(), character()}),
        maybe(() -> new byte[] {(byte) random.nextInt(), Byte.MIN_VALUE, Byte.MAX_VALUE}),
        maybe(() -> list(() -> maybe(this::string))),
        maybe(() -> list(() -> random.nextBoolean() ? Optional.of(string()) : Optional.empty())),
        maybe(() -> intSet),
        maybe(() -> sorted),
        maybe(() -> lineCollection),
        maybe(() -> counts),
        maybe(() -> byColor),
        maybe(() -> list(() -> Map.of(string(), list(this::line)))),
        maybe(() -> series),
        maybe(() -> tree(4)));
  }
}
