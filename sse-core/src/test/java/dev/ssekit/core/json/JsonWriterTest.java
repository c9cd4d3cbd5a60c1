package dev.ssekit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ssekit.core.internal.Utf8Buffer;
import dev.ssekit.core.json.internal.JsonWriterAccess;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {

  /** Not final, so a subclass could try to write anything as a number. */
  private static final class Forged extends BigDecimal {
    private static final long serialVersionUID = 1L;

    Forged() {
      super(1);
    }

    @Override
    public String toString() {
      return "1\n\nevent: forged\ndata: x";
    }
  }

  @Test
  void aBigDecimalSubclassCannotWriteAnythingButANumber() {
    JsonWriter out = new JsonWriter();
    out.beginArray().value(new BigDecimal("-1.5E+10")).value(new BigInteger("42"));
    assertThatThrownBy(() -> out.value(new Forged()))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("not a JSON number");
    assertThat(out.endArray().toString()).isEqualTo("[-1.5E+10,42]");
  }

  private static String json(String value) {
    return new JsonWriter().value(value).toString();
  }

  @Test
  void escapesEveryControlCharacter() {
    for (char c = 0; c < 0x20; c++) {
      String expected;
      switch (c) {
        case '\b':
          expected = "\\b";
          break;
        case '\t':
          expected = "\\t";
          break;
        case '\n':
          expected = "\\n";
          break;
        case '\f':
          expected = "\\f";
          break;
        case '\r':
          expected = "\\r";
          break;
        default:
          expected = String.format("\\u%04x", (int) c);
      }
      assertThat(json(String.valueOf(c))).as("char %d", (int) c).isEqualTo('"' + expected + '"');
      assertThat(new JsonWriter().value(c).toString())
          .as("char value %d", (int) c)
          .isEqualTo('"' + expected + '"');
    }
  }

  @Test
  void escapesQuoteBackslashAndJavaScriptLineTerminators() {
    assertThat(json("a\"b\\c")).isEqualTo("\"a\\\"b\\\\c\"");
    assertThat(json("\u2028\u2029")).isEqualTo("\"\\u2028\\u2029\"");
    assertThat(new JsonWriter().value('\u2028').toString()).isEqualTo("\"\\u2028\"");
    assertThat(json("/ \u007f")).isEqualTo("\"/ \u007f\"");
  }

  @Test
  void writesNonAsciiAsRawUtf8() {
    String text = "é€😀 ü";
    byte[] bytes = new JsonWriter().value(text).toByteArray();
    assertThat(bytes).isEqualTo(('"' + text + '"').getBytes(StandardCharsets.UTF_8));
    assertThat(new JsonWriter().value('€').toByteArray())
        .isEqualTo("\"€\"".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesLoneSurrogatesAsEscapesThatReadBack() {
    String[] samples = {"\ud800", "a\udc00b", "\udbff\ud800", "x\ud83d", "\ude00\ud83d"};
    for (String s : samples) {
      String written = json(s);
      assertThat(written).as("escaped %s", written).matches("\"[^\\ud800-\\udfff]*\"");
      assertThat(JsonReader.of(written).nextString()).isEqualTo(s);
    }
    assertThat(json("\ud800")).isEqualTo("\"\\ud800\"");
    assertThat(new JsonWriter().value('\udc01').toString()).isEqualTo("\"\\udc01\"");
  }

  @Test
  void longStringsKeepSurrogatePairsAcrossInternalChunks() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 10_000; i++) {
      s.append(i % 3 == 0 ? "😀" : "a");
    }
    String text = s.toString();
    byte[] written = new JsonWriter().value(text).toByteArray();
    assertThat(written).isEqualTo(('"' + text + '"').getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void writesIntegersExactly() {
    JsonWriter out = new JsonWriter();
    out.beginArray()
        .value(Integer.MIN_VALUE)
        .value(Integer.MAX_VALUE)
        .value(Long.MIN_VALUE)
        .value(Long.MAX_VALUE)
        .value(0)
        .value(-7L)
        .value(new BigInteger("123456789012345678901234567890"))
        .value(new BigDecimal("-1.50"))
        .value(new BigDecimal("1E+3"))
        .endArray();
    assertThat(out.toString())
        .isEqualTo(
            "[-2147483648,2147483647,-9223372036854775808,9223372036854775807,0,-7,"
                + "123456789012345678901234567890,-1.50,1E+3]");
  }

  @Test
  void writesDoublesThatReadBackExactly() {
    double[] values = {
      0.0,
      -0.0,
      1.0,
      -1.0,
      0.1,
      1e300,
      -1e-300,
      Double.MIN_VALUE,
      Double.MIN_NORMAL,
      Double.MAX_VALUE,
      1e10,
      1e7,
      9999999.0,
      123456.789,
      1.0E-5,
      4.9E-324,
      2.2250738585072014E-308
    };
    for (double d : values) {
      String written = new JsonWriter().value(d).toString();
      JsonReader in = JsonReader.of(written);
      double read = in.nextDouble();
      in.endDocument();
      assertThat(Double.doubleToRawLongBits(read))
          .as("%s written as %s", d, written)
          .isEqualTo(Double.doubleToRawLongBits(d));
    }
    assertThat(new JsonWriter().value(-0.0).toString()).isEqualTo("-0.0");
    assertThat(new JsonWriter().value(3.0).toString()).isEqualTo("3.0");
    assertThat(new JsonWriter().value(1e10).toString()).isEqualTo("1.0E10");
  }

  @Test
  void writesShortDecimalsPlainly() {
    assertThat(new JsonWriter().value(1234.5).toString()).isEqualTo("1234.5");
    assertThat(new JsonWriter().value(-19.99).toString()).isEqualTo("-19.99");
    assertThat(new JsonWriter().value(0.1).toString()).isEqualTo("0.1");
    assertThat(new JsonWriter().value(0.001).toString()).isEqualTo("0.001");
    assertThat(new JsonWriter().value(0.0).toString()).isEqualTo("0.0");
    assertThat(new JsonWriter().value(9999999.5).toString()).isEqualTo("9999999.5");
    assertThat(new JsonWriter().value(0.1 + 0.2).toString()).isEqualTo("0.30000000000000004");
    long seed = 99L;
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      int decimals = random.nextInt(10);
      double d = (random.nextInt(2_000_000_000) - 1_000_000_000) / Math.pow(10, decimals);
      String written = new JsonWriter().value(d).toString();
      assertThat(Double.doubleToRawLongBits(JsonReader.of(written).nextDouble()))
          .as("seed %d: %s written as %s", seed, d, written)
          .isEqualTo(Double.doubleToRawLongBits(d));
      assertThat(written.length())
          .as("seed %d: %s written as %s", seed, d, written)
          .isLessThanOrEqualTo(Double.toString(d).length());
    }
  }

  @Test
  void writesFloatsThatReadBackExactly() {
    float[] values = {
      0f, -0f, 0.1f, 1e30f, -1e-30f, Float.MIN_VALUE, Float.MAX_VALUE, 16777217f, 3.4f, 1e7f
    };
    for (float f : values) {
      String written = new JsonWriter().value(f).toString();
      float read = JsonReader.of(written).nextFloat();
      assertThat(Float.floatToRawIntBits(read))
          .as("%s written as %s", f, written)
          .isEqualTo(Float.floatToRawIntBits(f));
    }
    assertThat(new JsonWriter().value(-0.0f).toString()).isEqualTo("-0.0");
  }

  @Test
  void randomDoublesAndFloatsRoundTrip() {
    long seed = 20240611L;
    Random random = new Random(seed);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(d)) {
        continue;
      }
      String written = new JsonWriter().value(d).toString();
      assertThat(Double.doubleToRawLongBits(JsonReader.of(written).nextDouble()))
          .as("seed %d, %s written as %s", seed, d, written)
          .isEqualTo(Double.doubleToRawLongBits(d));
      double plain = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(10) - 2);
      written = new JsonWriter().value(plain).toString();
      assertThat(Double.doubleToRawLongBits(JsonReader.of(written).nextDouble()))
          .as("seed %d, %s written as %s", seed, plain, written)
          .isEqualTo(Double.doubleToRawLongBits(plain));
      float f = Float.intBitsToFloat(random.nextInt());
      if (!Float.isFinite(f)) {
        continue;
      }
      written = new JsonWriter().value(f).toString();
      assertThat(Float.floatToRawIntBits(JsonReader.of(written).nextFloat()))
          .as("seed %d, %s written as %s", seed, f, written)
          .isEqualTo(Float.floatToRawIntBits(f));
    }
  }

  @Test
  void nanAndInfinitiesAreRejectedNamingTheValue() {
    assertThatThrownBy(() -> new JsonWriter().value(Double.NaN))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("NaN");
    assertThatThrownBy(() -> new JsonWriter().value(Double.NEGATIVE_INFINITY))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("-Infinity");
    assertThatThrownBy(() -> new JsonWriter().value(Float.POSITIVE_INFINITY))
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("Infinity");
    // Nothing was written for the rejected value, so the writer is still usable.
    JsonWriter out = new JsonWriter().beginArray().value(1);
    assertThatThrownBy(() -> out.value(Double.NaN)).isInstanceOf(JsonException.class);
    assertThat(out.value(2).endArray().toString()).isEqualTo("[1,2]");
  }

  @Test
  void insertsCommasAndColonsInNestedStructures() {
    JsonName id = JsonName.of("id");
    JsonWriter out = new JsonWriter();
    out.beginObject()
        .name(id)
        .value(1)
        .name("tags")
        .beginArray()
        .value("a")
        .beginArray()
        .endArray()
        .beginObject()
        .endObject()
        .nullValue()
        .value(true)
        .value(false)
        .endArray()
        .name(JsonName.of("nested"))
        .beginObject()
        .name(id)
        .value((String) null)
        .name("d")
        .value((BigDecimal) null)
        .name("i")
        .value((BigInteger) null)
        .endObject()
        .endObject();
    assertThat(out.toString())
        .isEqualTo(
            "{\"id\":1,\"tags\":[\"a\",[],{},null,true,false],"
                + "\"nested\":{\"id\":null,\"d\":null,\"i\":null}}");
  }

  @Test
  void jsonNameIsEscapedOnce() {
    JsonWriter out = new JsonWriter();
    out.beginObject().name(JsonName.of("a\"b\n")).value(1).name("\u2028").value(2).endObject();
    assertThat(out.toString()).isEqualTo("{\"a\\\"b\\n\":1,\"\\u2028\":2}");
    assertThat(JsonName.of("x").name()).isEqualTo("x");
  }

  @Test
  void misuseIsAnIllegalStateExceptionWithAClearMessage() {
    assertThatThrownBy(() -> new JsonWriter().beginObject().value(1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("must follow a name");
    assertThatThrownBy(() -> new JsonWriter().beginArray().name("a"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside an object");
    assertThatThrownBy(() -> new JsonWriter().name(JsonName.of("a")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("outside an object");
    assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").name("b"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no value");
    assertThatThrownBy(() -> new JsonWriter().beginObject().name("a").endObject())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("has no value");
    assertThatThrownBy(() -> new JsonWriter().beginArray().endObject())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("endObject() without a matching beginObject()");
    assertThatThrownBy(() -> new JsonWriter().beginObject().endArray())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("endArray() without a matching beginArray()");
    assertThatThrownBy(() -> new JsonWriter().endArray())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("at the top level");
    assertThatThrownBy(() -> new JsonWriter().value(1).value(2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one top-level value");
  }

  @Test
  void nestingBeyondTheLimitFailsClearly() {
    JsonWriter out = new JsonWriter(new JsonLimits(3, 100, 100));
    out.beginArray().beginArray().beginArray();
    assertThatThrownBy(out::beginObject)
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("deeper than 3 levels");
    JsonWriter deep = new JsonWriter();
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 10_000; i++) {
                deep.beginArray();
              }
            })
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("deeper than 512 levels")
        .hasMessageContaining("cycle");
  }

  @Test
  void resetStartsANewDocument() {
    JsonWriter out = new JsonWriter();
    out.beginArray().value(1).endArray();
    assertThat(out.size()).isEqualTo(3);
    out.reset();
    assertThat(out.toByteArray()).isEmpty();
    out.beginObject().endObject();
    assertThat(out.toString()).isEqualTo("{}");
  }

  @Test
  void sharedBufferWriterAppendsAndNewDocumentKeepsTheBuffer() {
    Utf8Buffer buffer = new Utf8Buffer(16);
    JsonWriterAccess access = JsonWriterAccess.get();
    JsonWriter out = access.over(buffer);
    buffer.writeAscii("data: ");
    out.beginObject().name("a").value(1).endObject();
    assertThat(access.isDocumentComplete(out)).isTrue();
    buffer.writeAscii("\n\n");
    access.newDocument(out);
    assertThat(access.isDocumentComplete(out)).isFalse();
    buffer.writeAscii("data: ");
    out.beginArray();
    assertThat(access.isDocumentComplete(out)).isFalse();
    out.endArray();
    buffer.writeAscii("\n\n");
    assertThat(buffer.toString()).isEqualTo("data: {\"a\":1}\n\ndata: []\n\n");
  }

  @Test
  void randomStringsNeverProduceRawLineBreaksAndReadBackExactly() {
    long seed = 42L;
    Random random = new Random(seed);
    char[] interesting = {'\r', '\n', '\u2028', '\u2029', '"', '\\', '\0', '\ud800', '\udc00'};
    for (int i = 0; i < 5_000; i++) {
      int length = random.nextInt(40);
      StringBuilder s = new StringBuilder(length);
      for (int k = 0; k < length; k++) {
        int kind = random.nextInt(4);
        if (kind == 0) {
          s.append(interesting[random.nextInt(interesting.length)]);
        } else if (kind == 1) {
          s.append((char) random.nextInt(0x80));
        } else {
          s.append((char) random.nextInt(0x10000));
        }
      }
      String text = s.toString();
      byte[] written = new JsonWriter().value(text).toByteArray();
      for (byte b : written) {
        assertThat(b)
            .as("seed %d, iteration %d: raw CR/LF in output", seed, i)
            .isNotIn((byte) '\r', (byte) '\n');
      }
      JsonReader in = new JsonReader(written);
      assertThat(in.nextString()).as("seed %d, iteration %d", seed, i).isEqualTo(text);
      in.endDocument();
    }
  }
}
