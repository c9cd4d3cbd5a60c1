package dev.ssekit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.FuzzBudget;
import dev.ssekit.core.HostileStreams;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile JSON ends in a {@link JsonException} (or a correct reading, for valid input), never
 * another exception, a stack overflow, unbounded memory or minutes of CPU: every truncation of
 * valid documents, random mutations of them, random bytes in strings (checked against the JDK's
 * strict UTF-8 decoder), deep mixed nesting, huge strings, huge numbers and extreme exponents.
 * {@link JsonReaderTest} covers the single hostile cases; this adds the generated ones.
 */
class JsonReaderHostileTest {
  private static final String[] DOCUMENTS = {
    "{}",
    "[]",
    "{\"a\":1,\"b\":[true,false,null],\"c\":{\"d\":\"e\\u00e9\\n\\\"\"},\"f\":-0.5e+3}",
    "[1,-2,3.25,4e10,-5E-3,0,\"\",\"\\ud83d\\ude00\",\"\u00e9\u20ac\ud83d\ude00\",[[[]]],{}]",
    "{\"\":\"\",\"x\\\\y\":[{\"z\":[1,{\"w\":null}]}],\"big\":123456789012345678901234567890}",
    "[\"\\b\\f\\n\\r\\t\\/\\\\\",\"\\uD800\",\"\\u2028\",1.7976931348623157e308,4.9e-324]",
    " [ 1 , { \"a\" : [ ] } ] ",
  };

  @Test
  void everyTruncationOfAValidDocumentIsAJsonException() {
    int prefixes = 0;
    List<byte[]> documents = corpus(new Random(FuzzBudget.firstSeed()), 40);
    for (byte[] doc : documents) {
      int end = doc.length;
      while (end > 0 && doc[end - 1] == ' ') {
        end--; // a prefix that only drops trailing spaces is still the whole document
      }
      assertThat(readLossless(doc)).as(show(doc)).isNull();
      for (int n = 0; n < end; n++) {
        prefixes++;
        int length = n;
        assertThat(readAll(doc, length, new Random(n)))
            .as(() -> "prefix " + length + " of " + show(doc))
            .isInstanceOf(JsonException.class);
        assertThat(skipAll(doc, length))
            .as(() -> "skipping prefix " + length + " of " + show(doc))
            .isInstanceOf(JsonException.class);
      }
    }
    assertThat(prefixes).isGreaterThan(2000);
  }

  @Test
  void randomMutationsOfValidDocumentsFailCleanlyOrReadConsistently() {
    int cases = FuzzBudget.iterations(6_000);
    long first = FuzzBudget.firstSeed();
    List<byte[]> documents = corpus(new Random(first), 60);
    int failed = 0;
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      byte[] doc = mutate(random, documents.get(random.nextInt(documents.size())));
      long s = seed;
      // Reading with random accessors may fail for a valid document (2.5 is no int), but only so.
      Throwable any = readAll(doc, doc.length, random);
      assertThat(any)
          .as(() -> "seed " + s + ": " + show(doc))
          .satisfiesAnyOf(
              t -> assertThat(t).isNull(), t -> assertThat(t).isInstanceOf(JsonException.class));
      // Lossless reading and skipping agree on what is valid.
      Throwable lossless = readLossless(doc);
      Throwable skipped = skipAll(doc, doc.length);
      assertThat(skipped == null)
          .as(() -> "seed " + s + ": read " + lossless + ", skip " + skipped + ": " + show(doc))
          .isEqualTo(lossless == null);
      if (skipped != null) {
        failed++;
        assertThat(skipped)
            .as(() -> "seed " + s + ": " + show(doc))
            .isInstanceOf(JsonException.class);
        assertThat(lossless).isInstanceOf(JsonException.class);
      }
    }
    assertThat(failed).as("most mutations break the document").isGreaterThan(cases / 2);
  }

  @Test
  void randomBytesInStringsAreReadExactlyWhenValidUtf8AndRejectedOtherwise() throws Exception {
    int cases = FuzzBudget.iterations(20_000);
    long first = FuzzBudget.firstSeed();
    int valid = 0;
    for (long seed = first; seed < first + cases; seed++) {
      Random random = new Random(seed);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        if (random.nextInt(10) == 0) {
          // A tail of valid multi-byte characters, possibly starting mid-character.
          byte[] good = "\u00e9\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
          int from = random.nextInt(good.length);
          bytes.write(good, from, good.length - from);
        } else {
          // No quote, backslash or control character: only UTF-8 validity decides.
          bytes.write(
              random.nextInt(4) == 0 ? 'a' + random.nextInt(26) : 0x80 + random.nextInt(0x80));
        }
      }
      byte[] content = bytes.toByteArray();
      byte[] doc = new byte[content.length + 2];
      doc[0] = '"';
      System.arraycopy(content, 0, doc, 1, content.length);
      doc[doc.length - 1] = '"';
      String strict = strictUtf8(content);
      long s = seed;
      if (strict != null) {
        valid++;
        JsonReader in = new JsonReader(doc);
        assertThat(in.nextString()).as(() -> "seed " + s + ": " + show(doc)).isEqualTo(strict);
        in.endDocument();
      } else {
        assertThatThrownBy(() -> new JsonReader(doc).nextString())
            .as(() -> "seed " + s + ": " + show(doc))
            .isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> new JsonReader(doc).skipValue())
            .as(() -> "seed " + s + ": " + show(doc))
            .isInstanceOf(JsonException.class);
      }
    }
    assertThat(valid).as("valid strings are generated too").isGreaterThan(cases / 20);
  }

  @Test
  void mixedNestingOneHundredThousandDeepNeverOverflowsTheStack() {
    int depth = 100_000;
    StringBuilder open = new StringBuilder();
    StringBuilder close = new StringBuilder();
    for (int i = 0; i < depth; i++) {
      if (i % 3 == 0) {
        open.append("{\"a\":");
        close.append('}');
      } else {
        open.append('[');
        close.append(']');
      }
    }
    String closing = close.reverse().toString();
    String balanced = open + "1" + closing;
    byte[] bytes = balanced.getBytes(StandardCharsets.US_ASCII);
    assertThat(readAll(bytes, bytes.length, new Random(1)))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("nesting deeper than 512 levels");
    assertThat(skipAll(bytes, bytes.length)).isInstanceOf(JsonException.class);
    // With a limit that allows it: read and skipped, still without recursion.
    JsonLimits deep = new JsonLimits(depth + 1, 1 << 20, 100);
    assertThat(readAll(bytes, bytes.length, new Random(2), deep)).isNull();
    JsonReader in = new JsonReader(bytes, 0, bytes.length, deep);
    in.skipValue();
    in.endDocument();
    // Unclosed, and closed the wrong way, at every limit.
    byte[] unclosed = open.toString().getBytes(StandardCharsets.US_ASCII);
    String swapped = closing.replace(']', '_').replace('}', ']').replace('_', '}');
    byte[] crossed = (open + "1" + swapped).getBytes(StandardCharsets.US_ASCII);
    for (JsonLimits limits : new JsonLimits[] {JsonLimits.DEFAULT, deep}) {
      assertThat(readAll(unclosed, unclosed.length, new Random(3), limits))
          .isInstanceOf(JsonException.class);
      assertThat(readAll(crossed, crossed.length, new Random(4), limits))
          .isInstanceOf(JsonException.class);
    }
  }

  @Test
  void fiftyMebibyteStringsAreRefusedByDefaultAndReadWhenAllowed() {
    int size = 50 << 20;
    byte[] plain = quoted(size, (byte) 'x');
    assertThatThrownBy(() -> new JsonReader(plain).nextString())
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("string longer than 16777216 bytes");
    assertThatThrownBy(() -> new JsonReader(plain).skipValue())
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("string longer than 16777216 bytes");
    JsonLimits roomy = new JsonLimits(512, 64 << 20, 1000);
    assertThat(new JsonReader(plain, 0, plain.length, roomy).nextString()).hasSize(size);
    // Unterminated, and escapes all the way.
    assertThatThrownBy(() -> new JsonReader(plain, 0, plain.length - 1, roomy).nextString())
        .isInstanceOf(JsonException.class);
    byte[] escapes = quoted(size, (byte) '\\');
    for (int i = 2; i < escapes.length - 1; i += 2) {
      escapes[i] = 'n';
    }
    assertThat(new JsonReader(escapes, 0, escapes.length, roomy).nextString())
        .hasSize(size / 2)
        .matches(s -> s.chars().allMatch(c -> c == '\n'));
  }

  @Test
  // Before the fix nextBigInteger() spent minutes of CPU here. The bound is on this thread's CPU
  // time, which a busy machine does not stretch as it stretches wall-clock time; the timeout only
  // ends a run that hangs (a separate thread, since the loop never checks for interruption).
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void extremeNumbersFailOrReadQuicklyWithEveryAccessor() {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    String digits = "9".repeat(100_000);
    String[] numbers = {
      digits,
      "-" + digits,
      "0." + digits,
      digits + "e-100000",
      "11e-99999999", // toBigIntegerExact() would compute 10^99999999
      "123456789e-10000000",
      "1.00000000000000000001e-50000000",
      "1e2147483647",
      "1e2147483648",
      "1e-2147483648",
      "1e99999999999999999999",
      "0e-99999999",
      "-0e2147483647",
      "0.000e-2147483647",
      "4.9e-325",
      "1.7976931348623159e308",
    };
    JsonLimits longNumbers = new JsonLimits(512, 1 << 20, 200_000);
    for (String number : numbers) {
      for (int accessor = 0; accessor < Accessor.values().length; accessor++) {
        Accessor a = Accessor.values()[accessor];
        for (JsonLimits limits : new JsonLimits[] {JsonLimits.DEFAULT, longNumbers}) {
          byte[] bytes = number.getBytes(StandardCharsets.US_ASCII);
          try {
            a.read(new JsonReader(bytes, 0, bytes.length, limits));
          } catch (JsonException expected) {
            // a clear error is fine
          } catch (RuntimeException | Error e) {
            throw new AssertionError(a + " on " + abbreviate(number) + " threw " + e, e);
          }
        }
      }
    }
    BigInteger huge =
        new JsonReader(digits.getBytes(StandardCharsets.US_ASCII), 0, 100_000, longNumbers)
            .nextBigInteger();
    assertThat(huge.toString()).isEqualTo(digits);
    assertThatThrownBy(() -> JsonReader.of("11e-99999999").nextBigInteger())
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("fractional");
    assertThat(JsonReader.of("1000e-3").nextBigInteger()).isEqualTo(BigInteger.ONE);
    assertThat(JsonReader.of("0e-99999999").nextBigInteger()).isEqualTo(BigInteger.ZERO);
    assertThat(JsonReader.of("-1.5e3").nextBigInteger()).isEqualTo(BigInteger.valueOf(-1500));
    assertThat(Duration.ofNanos(threads.getCurrentThreadCpuTime() - cpuStart))
        .as("CPU time for every accessor on every extreme number")
        .isLessThan(Duration.ofSeconds(20));
  }

  /** Every way to consume a number. */
  private enum Accessor {
    INT(JsonReader::nextInt),
    LONG(JsonReader::nextLong),
    DOUBLE(JsonReader::nextDouble),
    FLOAT(JsonReader::nextFloat),
    BIG_DECIMAL(JsonReader::nextBigDecimal),
    BIG_INTEGER(JsonReader::nextBigInteger),
    SKIP(JsonReader::skipValue),
    STRING(JsonReader::nextString);

    private final Consumer<JsonReader> read;

    Accessor(Consumer<JsonReader> read) {
      this.read = read;
    }

    void read(JsonReader in) {
      read.accept(in);
      in.endDocument();
    }
  }

  // ---------------------------------------------------------------------------------------------

  /** Reads a whole document token by token with randomly chosen accessors; null if it worked. */
  private static Throwable readAll(byte[] doc, int length, Random random) {
    return readAll(doc, length, random, JsonLimits.DEFAULT);
  }

  private static Throwable readAll(byte[] doc, int length, Random random, JsonLimits limits) {
    try {
      JsonReader in = new JsonReader(doc, 0, length, limits);
      JsonNames names = JsonNames.of("a", "b", "c", "");
      for (int steps = 0; ; steps++) {
        if (steps > length + 2) {
          throw new AssertionError("no progress after " + steps + " tokens");
        }
        JsonToken token = in.peek();
        switch (token) {
          case BEGIN_ARRAY:
            in.beginArray();
            break;
          case END_ARRAY:
            in.endArray();
            break;
          case BEGIN_OBJECT:
            in.beginObject();
            break;
          case END_OBJECT:
            in.endObject();
            break;
          case NAME:
            if (random.nextBoolean()) {
              in.nextName();
            } else {
              in.nextName(names);
            }
            break;
          case STRING:
            if (random.nextInt(4) == 0) {
              in.skipValue();
            } else {
              in.nextString();
            }
            break;
          case NUMBER:
            Accessor[] numeric = {
              Accessor.INT,
              Accessor.LONG,
              Accessor.DOUBLE,
              Accessor.FLOAT,
              Accessor.BIG_DECIMAL,
              Accessor.BIG_INTEGER,
              Accessor.SKIP
            };
            numeric[random.nextInt(numeric.length)].read.accept(in);
            break;
          case BOOLEAN:
            in.nextBoolean();
            break;
          case NULL:
            if (random.nextBoolean()) {
              in.nextNull();
            } else {
              assertThat(in.nextIfNull()).isTrue();
            }
            break;
          case END_DOCUMENT:
            in.endDocument();
            return null;
          default:
            throw new AssertionError(token);
        }
      }
    } catch (JsonException e) {
      return e;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("not a JsonException: " + e + " for " + show(doc, length), e);
    }
  }

  /** Reads a whole document with the accessors that accept any valid value; null if it worked. */
  private static Throwable readLossless(byte[] doc) {
    try {
      JsonReader in = new JsonReader(doc);
      while (true) {
        switch (in.peek()) {
          case BEGIN_ARRAY:
            in.beginArray();
            break;
          case END_ARRAY:
            in.endArray();
            break;
          case BEGIN_OBJECT:
            in.beginObject();
            break;
          case END_OBJECT:
            in.endObject();
            break;
          case NAME:
            in.nextName();
            break;
          case STRING:
            in.nextString();
            break;
          case NUMBER:
            in.skipValue(); // validated when peeked; BigDecimal cannot hold every exponent
            break;
          case BOOLEAN:
            in.nextBoolean();
            break;
          case NULL:
            in.nextNull();
            break;
          default:
            in.endDocument();
            return null;
        }
      }
    } catch (JsonException e) {
      return e;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("not a JsonException: " + e + " for " + show(doc), e);
    }
  }

  /** Skips the document's value and checks the end; null if it worked. */
  private static Throwable skipAll(byte[] doc, int length) {
    try {
      JsonReader in = new JsonReader(doc, 0, length);
      in.skipValue();
      in.endDocument();
      return null;
    } catch (JsonException e) {
      return e;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      throw new AssertionError("not a JsonException: " + e + " for " + show(doc, length), e);
    }
  }

  /** The fixed documents plus random ones written by {@link JsonWriter}. */
  private static List<byte[]> corpus(Random random, int generated) {
    List<byte[]> docs = new ArrayList<>();
    for (String d : DOCUMENTS) {
      docs.add(d.getBytes(StandardCharsets.UTF_8));
    }
    for (int i = 0; i < generated; i++) {
      JsonWriter out = new JsonWriter();
      if (random.nextBoolean()) {
        out.beginArray();
        writeElements(out, random, 0);
        out.endArray();
      } else {
        out.beginObject();
        writeMembers(out, random, 0);
        out.endObject();
      }
      docs.add(out.toByteArray());
    }
    return docs;
  }

  private static void writeElements(JsonWriter out, Random random, int depth) {
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      writeValue(out, random, depth + 1);
    }
  }

  private static void writeMembers(JsonWriter out, Random random, int depth) {
    int n = random.nextInt(5);
    for (int i = 0; i < n; i++) {
      out.name(randomString(random) + i); // distinct names
      writeValue(out, random, depth + 1);
    }
  }

  private static void writeValue(JsonWriter out, Random random, int depth) {
    switch (random.nextInt(depth > 4 ? 7 : 9)) {
      case 0:
        out.value(randomString(random));
        break;
      case 1:
        out.value(random.nextLong());
        break;
      case 2:
        out.value(random.nextDouble() * Math.pow(10, random.nextInt(40) - 20));
        break;
      case 3:
        out.value(new BigDecimal(new BigInteger(100, random), random.nextInt(40) - 20));
        break;
      case 4:
        out.value(random.nextBoolean());
        break;
      case 5:
        out.nullValue();
        break;
      case 6:
        out.value(random.nextInt(100));
        break;
      case 7:
        out.beginArray();
        writeElements(out, random, depth);
        out.endArray();
        break;
      default:
        out.beginObject();
        writeMembers(out, random, depth);
        out.endObject();
    }
  }

  private static String randomString(Random random) {
    String[] pieces = {
      "a", "\u00e9", "\ud83d\ude00", "\"", "\\", "\n", "\u0001", "\u2028", "\ud800", "/"
    };
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(4);
    for (int i = 0; i < n; i++) {
      s.append(pieces[random.nextInt(pieces.length)]);
    }
    return s.toString();
  }

  /** One random change: flip, replace with a JSON-significant byte, insert, delete, duplicate. */
  private static byte[] mutate(Random random, byte[] doc) {
    byte[] significant =
        "{}[]:,\"\\-+.0123456789eEtrufalsn \t\r\n\u0000\u007f"
            .getBytes(StandardCharsets.ISO_8859_1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int changes = 1 + random.nextInt(3);
    byte[] b = doc;
    for (int c = 0; c < changes; c++) {
      int at = b.length == 0 ? 0 : random.nextInt(b.length);
      out.reset();
      switch (random.nextInt(6)) {
        case 0: // flip a bit
          b = b.clone();
          if (b.length > 0) {
            b[at] ^= (byte) (1 << random.nextInt(8));
          }
          continue;
        case 1: // replace with a significant byte
          b = b.clone();
          if (b.length > 0) {
            b[at] = significant[random.nextInt(significant.length)];
          }
          continue;
        case 2: // insert a significant or random byte
          out.write(b, 0, at);
          out.write(
              random.nextBoolean()
                  ? significant[random.nextInt(significant.length)]
                  : random.nextInt(256));
          out.write(b, at, b.length - at);
          break;
        case 3: // delete a run
          int n = Math.min(b.length - at, 1 + random.nextInt(4));
          out.write(b, 0, at);
          out.write(b, at + n, b.length - at - n);
          break;
        case 4: // duplicate a run
          int k = Math.min(b.length - at, 1 + random.nextInt(8));
          out.write(b, 0, at + k);
          out.write(b, at, b.length - at);
          break;
        default: // truncate
          out.write(b, 0, at);
      }
      b = out.toByteArray();
    }
    return b;
  }

  /** The JDK's strict decoding of {@code bytes}, or null when they are not valid UTF-8. */
  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  private static byte[] quoted(int size, byte fill) {
    byte[] b = new byte[size + 2];
    Arrays.fill(b, fill);
    b[0] = '"';
    b[b.length - 1] = '"';
    return b;
  }

  private static String show(byte[] doc) {
    return show(doc, doc.length);
  }

  private static String show(byte[] doc, int length) {
    return HostileStreams.show(Arrays.copyOf(doc, Math.min(length, 400)));
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 20) + "..." + s.substring(s.length() - 10);
  }
}
