package dev.ssekit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class JsonReaderTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> assertFails(
      String json, java.util.function.Consumer<JsonReader> read) {
    return assertThatThrownBy(() -> read.accept(JsonReader.of(json)))
        .isInstanceOf(JsonException.class);
  }

  private static long offsetOf(Throwable e) {
    return ((JsonException) e).offset();
  }

  @Test
  void readsAnObjectWithEveryKindOfValue() {
    JsonReader in =
        JsonReader.of(
            " {\"s\":\"text\", \"i\":-12, \"l\":9007199254740993, \"d\":2.5e-3, \"f\":0.1,"
                + " \"t\":true, \"n\":null, \"a\":[1,\"x\",[]], \"o\":{}, \"c\":\"é\","
                + " \"bd\":1.50, \"bi\":123456789012345678901234567890}\r\n\t");
    assertThat(in.peek()).isEqualTo(JsonToken.BEGIN_OBJECT);
    in.beginObject();
    assertThat(in.hasNext()).isTrue();
    assertThat(in.peek()).isEqualTo(JsonToken.NAME);
    assertThat(in.nextName()).isEqualTo("s");
    assertThat(in.peek()).isEqualTo(JsonToken.STRING);
    assertThat(in.nextString()).isEqualTo("text");
    assertThat(in.nextName()).isEqualTo("i");
    assertThat(in.peek()).isEqualTo(JsonToken.NUMBER);
    assertThat(in.nextInt()).isEqualTo(-12);
    assertThat(in.nextName()).isEqualTo("l");
    assertThat(in.nextLong()).isEqualTo(9007199254740993L);
    assertThat(in.nextName()).isEqualTo("d");
    assertThat(in.nextDouble()).isEqualTo(0.0025);
    assertThat(in.nextName()).isEqualTo("f");
    assertThat(in.nextFloat()).isEqualTo(0.1f);
    assertThat(in.nextName()).isEqualTo("t");
    assertThat(in.peek()).isEqualTo(JsonToken.BOOLEAN);
    assertThat(in.nextBoolean()).isTrue();
    assertThat(in.nextName()).isEqualTo("n");
    assertThat(in.peek()).isEqualTo(JsonToken.NULL);
    assertThat(in.nextIfNull()).isTrue();
    assertThat(in.nextName()).isEqualTo("a");
    assertThat(in.nextIfNull()).isFalse();
    assertThat(in.peek()).isEqualTo(JsonToken.BEGIN_ARRAY);
    in.beginArray();
    assertThat(in.nextInt()).isEqualTo(1);
    assertThat(in.nextString()).isEqualTo("x");
    in.beginArray();
    assertThat(in.hasNext()).isFalse();
    assertThat(in.peek()).isEqualTo(JsonToken.END_ARRAY);
    in.endArray();
    in.endArray();
    assertThat(in.nextName()).isEqualTo("o");
    in.beginObject();
    assertThat(in.peek()).isEqualTo(JsonToken.END_OBJECT);
    in.endObject();
    assertThat(in.nextName()).isEqualTo("c");
    assertThat(in.nextChar()).isEqualTo('é');
    assertThat(in.nextName()).isEqualTo("bd");
    assertThat(in.nextBigDecimal()).isEqualTo(new BigDecimal("1.50"));
    assertThat(in.nextName()).isEqualTo("bi");
    assertThat(in.nextBigInteger()).isEqualTo(new BigInteger("123456789012345678901234567890"));
    assertThat(in.hasNext()).isFalse();
    in.endObject();
    assertThat(in.peek()).isEqualTo(JsonToken.END_DOCUMENT);
    assertThat(in.hasNext()).isFalse();
    in.endDocument();
  }

  @Test
  void readsTopLevelScalarsAndAWindowOfAnArray() {
    assertThat(JsonReader.of("false").nextBoolean()).isFalse();
    JsonReader nul = JsonReader.of(" null ");
    nul.nextNull();
    nul.endDocument();
    byte[] bytes = "xx[1] yy".getBytes(StandardCharsets.UTF_8);
    JsonReader window = new JsonReader(bytes, 2, 4);
    window.beginArray();
    assertThat(window.nextLong()).isEqualTo(1);
    window.endArray();
    window.endDocument();
    assertThatThrownBy(() -> new JsonReader(bytes, 5, 10))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void decodesEscapesAndUtf8() {
    JsonReader in =
        JsonReader.of(
            "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20AC\", \"\\ud83d\\ude00\","
                + " \"😀 ü€\", \"\\ud800\", \"a\\udc00\", \"\\u0000\"]");
    in.beginArray();
    assertThat(in.nextString()).isEqualTo("\"\\/\b\f\n\r\tAé€");
    assertThat(in.nextString()).isEqualTo("😀");
    assertThat(in.nextString()).isEqualTo("😀 ü€");
    assertThat(in.nextString()).isEqualTo("\ud800");
    assertThat(in.nextString()).isEqualTo("a\udc00");
    assertThat(in.nextString()).isEqualTo("\0");
    in.endArray();
  }

  @Test
  void typeMismatchNamesBothKindsAndTheOffset() {
    assertFails("[1]", in -> in.nextString())
        .hasMessage("expected a string but found an array at offset 0");
    assertFails(
            "  {\"a\": 12}",
            in -> {
              in.beginObject();
              in.nextName();
              in.nextString();
            })
        .hasMessage("expected a string but found a number at offset 8");
    assertFails("\"x\"", in -> in.nextInt())
        .hasMessage("expected a number but found a string at offset 0");
    assertFails(
            "[null]",
            in -> {
              in.beginArray();
              in.nextBoolean();
            })
        .hasMessage("expected a boolean but found null at offset 1");
    assertFails("{}", in -> in.beginArray())
        .hasMessage("expected an array but found an object at offset 0");
    assertFails(
            "[]",
            in -> {
              in.beginArray();
              in.endObject();
            })
        .hasMessage("expected the end of an object but found the end of an array at offset 1");
    assertFails(
            "{\"a\":1}",
            in -> {
              in.beginObject();
              in.nextString();
            })
        .hasMessage("expected a string but found a name at offset 1");
    assertFails("true", in -> in.nextNull())
        .hasMessage("expected null but found a boolean at offset 0");
    assertFails(
            "[1]",
            in -> {
              in.beginArray();
              in.nextInt();
              in.endDocument();
            })
        .hasMessage("expected the end of the document but found the end of an array at offset 2");
  }

  @Test
  void aMismatchConsumesNothing() {
    JsonReader in = JsonReader.of("[12]");
    in.beginArray();
    assertThatThrownBy(in::nextString).isInstanceOf(JsonException.class);
    assertThat(in.nextInt()).isEqualTo(12);
    in.endArray();
    in.endDocument();
  }

  @Test
  void syntaxErrorsSayWhatWasExpectedAndWhere() {
    assertFails("[1 2]", JsonReader::skipValue)
        .hasMessage("expected ',' or ']' but found '2' at offset 3");
    assertFails("{\"a\":1 x}", JsonReader::skipValue)
        .hasMessage("expected ',' or '}' but found 'x' at offset 7");
    assertFails("{\"a\" 1}", JsonReader::skipValue)
        .hasMessage("expected ':' but found '1' at offset 5");
    assertFails("{'a':1}", JsonReader::skipValue)
        .hasMessage("expected a name or '}' but found ''' at offset 1");
    assertFails("[1,]", JsonReader::skipValue)
        .hasMessage("expected a value but found ']' at offset 3");
    assertFails("{\"a\":1,}", JsonReader::skipValue)
        .hasMessage("expected a name but found '}' at offset 7");
    assertFails("[", JsonReader::skipValue)
        .hasMessage("expected a value but found end of input at offset 1");
    assertFails("", JsonReader::skipValue)
        .hasMessage("expected a value but found end of input at offset 0");
    assertFails(
            "1 2",
            in -> {
              in.skipValue();
              in.endDocument();
            })
        .hasMessage("expected the end of the document but found '2' at offset 2");
    assertFails("[tru]", JsonReader::skipValue).hasMessageContaining("invalid literal at offset 1");
    assertFails("[nan]", JsonReader::skipValue).hasMessageContaining("at offset 1");
    assertFails("\f1", JsonReader::skipValue)
        .hasMessage("expected a value but found byte 0x0C at offset 0");
    assertFails("/* c */ 1", JsonReader::skipValue)
        .hasMessage("expected a value but found '/' at offset 0");
  }

  @Test
  void numbersFollowTheGrammarStrictly() {
    String[] invalid = {
      "01",
      "-01",
      "+1",
      ".5",
      "1.",
      "1.e5",
      "1e",
      "1e+",
      "-",
      "-a",
      "0x10",
      "Infinity",
      "-Infinity",
      "NaN",
      "1_000",
      "00"
    };
    for (String number : invalid) {
      assertThatThrownBy(
              () -> {
                JsonReader in = JsonReader.of(number);
                in.skipValue();
                in.endDocument();
              })
          .as(number)
          .isInstanceOf(JsonException.class);
    }
    assertFails("01", JsonReader::skipValue)
        .hasMessage("invalid number: leading zeros are not allowed at offset 0");
    assertFails("1.", JsonReader::skipValue)
        .hasMessage(
            "invalid number: expected a digit after the decimal point but found end of input at"
                + " offset 2");
    assertFails("1e+x", JsonReader::skipValue)
        .hasMessage("invalid number: expected a digit in the exponent but found 'x' at offset 3");
    String[] valid = {"0", "-0", "0.0", "1e5", "1E+5", "1e-5", "-1.25E-02", "123456789"};
    for (String number : valid) {
      JsonReader in = JsonReader.of(number);
      assertThat(in.nextBigDecimal()).as(number).isEqualTo(new BigDecimal(number));
      in.endDocument();
    }
  }

  @Test
  void integersAreExact() {
    assertThat(JsonReader.of("-9223372036854775808").nextLong()).isEqualTo(Long.MIN_VALUE);
    assertThat(JsonReader.of("9223372036854775807").nextLong()).isEqualTo(Long.MAX_VALUE);
    assertThat(JsonReader.of("-2147483648").nextInt()).isEqualTo(Integer.MIN_VALUE);
    assertThat(JsonReader.of("2147483647").nextInt()).isEqualTo(Integer.MAX_VALUE);
    assertThat(JsonReader.of("-0").nextLong()).isZero();
    assertThat(JsonReader.of("2.0").nextInt()).isEqualTo(2);
    assertThat(JsonReader.of("2.50e1").nextLong()).isEqualTo(25);
    assertThat(JsonReader.of("1e18").nextLong()).isEqualTo(1_000_000_000_000_000_000L);
    assertThat(JsonReader.of("-0.0e5").nextInt()).isZero();
    assertFails("9223372036854775808", JsonReader::nextLong)
        .hasMessage("number 9223372036854775808 is out of range for a long at offset 0");
    assertFails("-9223372036854775809", JsonReader::nextLong)
        .hasMessageContaining("out of range for a long");
    assertFails("2147483648", JsonReader::nextInt)
        .hasMessage("number 2147483648 is out of range for an int at offset 0");
    assertFails("1e19", JsonReader::nextLong).hasMessageContaining("out of range for a long");
    assertFails("1e999999999999", JsonReader::nextLong).hasMessageContaining("out of range");
    assertFails("1.5", JsonReader::nextLong)
        .hasMessage("expected a long but found the fractional number 1.5 at offset 0");
    assertFails("1e-999999999", JsonReader::nextInt)
        .hasMessageContaining("expected an int but found the fractional number");
    assertFails("123456789012345678901234567890", JsonReader::nextInt)
        .hasMessageContaining("out of range for an int");
  }

  @Test
  void doublesFloatsAndBigNumbers() {
    assertThat(JsonReader.of("-0").nextDouble()).isEqualTo(-0.0).matches(d -> 1 / d < 0);
    assertThat(JsonReader.of("-0.0").nextFloat()).matches(f -> 1 / f < 0);
    assertThat(JsonReader.of("1e-400").nextDouble()).isZero();
    assertThat(JsonReader.of("123456789012345678901").nextDouble())
        .isEqualTo(1.2345678901234568E20);
    assertThat(JsonReader.of("0.30000000000000004").nextDouble()).isEqualTo(0.1 + 0.2);
    assertThat(JsonReader.of("16777217").nextFloat()).isEqualTo(16777216f);
    assertFails("1e400", JsonReader::nextDouble)
        .hasMessage("number 1e400 is out of range for a double at offset 0");
    assertFails("1e39", JsonReader::nextFloat).hasMessageContaining("out of range for a float");
    assertThat(JsonReader.of("1e3").nextBigInteger()).isEqualTo(BigInteger.valueOf(1000));
    assertThat(JsonReader.of("-12").nextBigInteger()).isEqualTo(BigInteger.valueOf(-12));
    assertFails("1.5", JsonReader::nextBigInteger)
        .hasMessageContaining("expected an integer but found the fractional number 1.5");
    // Would have a billion digits: refused before BigInteger tries to build it.
    assertFails("1e999999999", JsonReader::nextBigInteger).hasMessageContaining("out of range");
    assertFails("1e9999999999", JsonReader::nextBigDecimal).hasMessageContaining("out of range");
    assertThat(JsonReader.of("1e999999999").nextBigDecimal())
        .isEqualTo(new BigDecimal("1e999999999"));
  }

  @Test
  void doubleFastPathAgreesWithParseDouble() {
    long seed = 7L;
    java.util.Random random = new java.util.Random(seed);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder s = new StringBuilder();
      if (random.nextBoolean()) {
        s.append('-');
      }
      int intDigits = 1 + random.nextInt(12);
      s.append(1 + random.nextInt(9));
      for (int k = 1; k < intDigits; k++) {
        s.append(random.nextInt(10));
      }
      if (random.nextBoolean()) {
        s.append('.');
        int fraction = 1 + random.nextInt(12);
        for (int k = 0; k < fraction; k++) {
          s.append(random.nextInt(10));
        }
      }
      if (random.nextInt(3) == 0) {
        s.append(random.nextBoolean() ? 'e' : 'E').append(random.nextBoolean() ? "-" : "");
        s.append(random.nextInt(40));
      }
      String text = s.toString();
      assertThat(JsonReader.of(text).nextDouble())
          .as("seed %d: %s", seed, text)
          .isEqualTo(Double.parseDouble(text));
      float expected = Float.parseFloat(text);
      if (Float.isFinite(expected)) {
        assertThat(JsonReader.of(text).nextFloat())
            .as("seed %d: %s", seed, text)
            .isEqualTo(expected);
      }
    }
  }

  @Test
  void nextCharWantsExactlyOneChar() {
    assertThat(JsonReader.of("\"\\u2028\"").nextChar()).isEqualTo('\u2028');
    assertFails("\"ab\"", JsonReader::nextChar)
        .hasMessage("expected a single character but found a string of length 2 at offset 0");
    assertFails("\"\"", JsonReader::nextChar).hasMessageContaining("length 0");
    assertFails("\"😀\"", JsonReader::nextChar).hasMessageContaining("length 2");
  }

  @Test
  void stringsRejectRawControlCharactersBadEscapesAndBadUtf8() {
    assertFails("\"a\nb\"", JsonReader::nextString)
        .hasMessage("control character 0x0A must be escaped in a string at offset 2");
    assertFails("\"\\x\"", JsonReader::nextString)
        .hasMessageContaining("invalid escape")
        .hasMessageContaining("found 'x' at offset 2");
    assertFails("\"\\u12G4\"", JsonReader::nextString)
        .hasMessage("invalid \\u escape: expected four hex digits but found 'G' at offset 5");
    assertFails("\"\\u12\"", JsonReader::nextString).hasMessageContaining("invalid \\u escape");
    assertFails("\"abc", JsonReader::nextString).hasMessage("unterminated string at offset 0");
    assertFails("\"abc\\", JsonReader::nextString).hasMessage("unterminated string at offset 0");
    byte[][] badUtf8 = {
      {'"', (byte) 0xFF, '"'}, // never valid
      {'"', (byte) 0x80, '"'}, // lone continuation byte
      {'"', (byte) 0xC0, (byte) 0xAF, '"'}, // overlong '/'
      {'"', (byte) 0xE0, (byte) 0x80, (byte) 0xAF, '"'}, // overlong
      {'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}, // encoded surrogate U+D800
      {'"', (byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80, '"'}, // above U+10FFFF
      {'"', (byte) 0xE2, (byte) 0x82, '"'}, // truncated
      {'"', (byte) 0xE2, (byte) 0x82}, // truncated at end of input
    };
    for (byte[] bytes : badUtf8) {
      assertThatThrownBy(() -> new JsonReader(bytes).nextString())
          .isInstanceOf(JsonException.class)
          .hasMessageContaining("UTF-8")
          .matches(e -> offsetOf(e) == 1);
    }
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    assertThatThrownBy(() -> new JsonReader(bom).skipValue())
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("byte order mark");
  }

  @Test
  void namesMatchJsonNamesWithAndWithoutEscapes() {
    JsonNames names = JsonNames.of("id", "név", "a\"b", "x");
    JsonReader in =
        JsonReader.of(
            "{\"id\":1,\"név\":2,\"a\\\"b\":3,\"\\u0069d\":4,\"unknown\":{\"x\":[1,{\"y\":2}]},"
                + "\"n\\u00e9v\":5,\"x\":6,\"i\":7,\"idx\":8}");
    in.beginObject();
    List<Integer> indexes = new ArrayList<>();
    List<Integer> values = new ArrayList<>();
    while (in.hasNext()) {
      int index = in.nextName(names);
      indexes.add(index);
      if (index < 0) {
        in.skipValue();
      } else {
        values.add(in.nextInt());
      }
    }
    in.endObject();
    in.endDocument();
    assertThat(indexes).containsExactly(0, 1, 2, 0, -1, 1, 3, -1, -1);
    assertThat(values).containsExactly(1, 2, 3, 4, 5, 6);
    assertThat(names.size()).isEqualTo(4);
    assertThat(names.name(1)).isEqualTo("név");
    assertThat(names.indexOf("x")).isEqualTo(3);
    assertThat(names.indexOf("nope")).isEqualTo(-1);
    assertThatThrownBy(() -> JsonNames.of("a", "a"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate name \"a\"");
  }

  @Test
  void theNameExpectedNextIsRecognisedOnlyWhenItIsExactlyThatName() {
    // After "a" the reader expects "bb": near misses, escapes and other readers' names must still
    // be told apart, and a name read as a String must be the input's.
    JsonNames outer = JsonNames.of("a", "bb", "cé");
    JsonNames inner = JsonNames.of("bb", "z");
    String json =
        "{\"a\":0,\"b\":1,\"a\":0,\"bbb\":2,\"a\":0,\"b\\u0062\":3,\"c\u00e9\":4,"
            + "\"a\":0,\"bb\":{\"z\":5,\"bb\":6},\"a\":0,\"bb\":7}";
    JsonReader in = JsonReader.of(json);
    in.beginObject();
    List<Integer> indexes = new ArrayList<>();
    while (in.hasNext()) {
      int index = in.nextName(outer);
      indexes.add(index);
      if (in.peek() == JsonToken.BEGIN_OBJECT) {
        in.beginObject();
        while (in.hasNext()) {
          indexes.add(100 + in.nextName(inner));
          in.skipValue();
        }
        in.endObject();
      } else {
        in.skipValue();
      }
    }
    in.endObject();
    assertThat(indexes).containsExactly(0, -1, 0, -1, 0, 1, 2, 0, 1, 101, 100, 0, 1);

    JsonReader named = JsonReader.of("{\"a\":0,\"c\u00e9\":1}");
    named.beginObject();
    assertThat(named.nextName(JsonNames.of("cé", "a"))).isEqualTo(1);
    named.skipValue();
    assertThat(named.nextName()).isEqualTo("cé");
  }

  @Test
  void anExpectedNameIsStillCheckedAgainstTheLimitsAndTheEndOfInput() {
    JsonNames names = JsonNames.of("a", "longname");
    byte[] json = "{\"a\":0,\"longname\":1}".getBytes(StandardCharsets.UTF_8);
    JsonReader limited = new JsonReader(json, 0, json.length, new JsonLimits(10, 5, 10));
    limited.beginObject();
    assertThat(limited.nextName(names)).isEqualTo(0);
    limited.skipValue();
    assertThatThrownBy(limited::hasNext)
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("JsonLimits.maxStringLength");
    for (String cut : List.of("{\"a\":0,\"longname", "{\"a\":0,\"longnam")) {
      JsonReader in = JsonReader.of(cut);
      in.beginObject();
      in.nextName(names);
      in.skipValue();
      assertThatThrownBy(in::hasNext).as(cut).hasMessageContaining("unterminated string");
    }
  }

  @Test
  void namesWithLoneSurrogatesMatchOnlyTheirEscapedForm() {
    JsonNames names = JsonNames.of("\ud800", "?");
    JsonReader in = JsonReader.of("{\"?\":1,\"\\ud800\":2}");
    in.beginObject();
    assertThat(in.nextName(names)).isEqualTo(1);
    in.skipValue();
    assertThat(in.nextName(names)).isEqualTo(0);
    in.skipValue();
    in.endObject();
  }

  @Test
  void nextNameOutsideAnObjectIsAMismatch() {
    JsonNames names = JsonNames.of("a");
    assertFails(
            "[\"a\"]",
            in -> {
              in.beginArray();
              in.nextName(names);
            })
        .hasMessage("expected a name but found a string at offset 1");
  }

  @Test
  void skipValueSkipsNestedStructuresAndLeavesTheRest() {
    JsonReader in =
        JsonReader.of("[{\"a\":[1,[2,{\"b\":null}],\"x\"],\"c\":{}},\"after\",[[]],true]");
    in.beginArray();
    in.skipValue();
    assertThat(in.nextString()).isEqualTo("after");
    in.skipValue();
    in.skipValue();
    in.endArray();
    in.endDocument();
    assertFails(
            "[]",
            in2 -> {
              in2.beginArray();
              in2.skipValue();
            })
        .hasMessage("expected a value but found the end of an array at offset 1");
    assertFails(
            "{\"a\":1}",
            in2 -> {
              in2.beginObject();
              in2.skipValue();
            })
        .hasMessage("expected a value but found a name at offset 1");
    assertFails("[1,{\"a\":[2,}]]", JsonReader::skipValue)
        .hasMessage("expected a value but found '}' at offset 11");
  }

  @Test
  void deepNestingFailsClearlyWithoutRecursion() {
    String deep = "[".repeat(100_000) + "]".repeat(100_000);
    assertFails(deep, JsonReader::skipValue)
        .hasMessage("nesting deeper than 512 levels (JsonLimits.maxDepth) at offset 512");
    assertFails("{\"a\":".repeat(100_000), JsonReader::skipValue)
        .hasMessageContaining("nesting deeper than 512 levels");
    assertThatThrownBy(
            () -> {
              JsonReader in = JsonReader.of(deep);
              for (int i = 0; i < 100_000; i++) {
                in.beginArray();
              }
            })
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("nesting deeper than 512 levels");
    String ok = "[".repeat(512) + "]".repeat(512);
    JsonReader in = JsonReader.of(ok);
    in.skipValue();
    in.endDocument();
    // A larger limit, still without recursion.
    JsonLimits generous = new JsonLimits(200_000, 100, 100);
    JsonReader big =
        new JsonReader(deep.getBytes(StandardCharsets.US_ASCII), 0, deep.length(), generous);
    big.skipValue();
    big.endDocument();
  }

  @Test
  void longStringsAndNumbersAreRefusedQuicklyAndClearly() {
    String digits = "1".repeat(100_000);
    assertFails(digits, JsonReader::nextBigDecimal)
        .hasMessage("number longer than 1000 characters (JsonLimits.maxNumberLength) at offset 0");
    assertFails("[0." + digits + "]", JsonReader::skipValue)
        .hasMessage("number longer than 1000 characters (JsonLimits.maxNumberLength) at offset 1");
    assertThat(JsonReader.of("1".repeat(1000)).nextBigInteger()).hasToString("1".repeat(1000));

    JsonLimits small = new JsonLimits(10, 5, 10);
    byte[] fits = "[\"12345\",\"\\u0041\"]".getBytes(StandardCharsets.UTF_8);
    JsonReader in = new JsonReader(fits, 0, fits.length, small);
    in.beginArray();
    assertThat(in.nextString()).isEqualTo("12345");
    assertThatThrownBy(in::nextString)
        .isInstanceOf(JsonException.class)
        .hasMessage("string longer than 5 bytes (JsonLimits.maxStringLength) at offset 9");
    byte[] name = "{\"123456\":1}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new JsonReader(name, 0, name.length, small).skipValue())
        .isInstanceOf(JsonException.class)
        .hasMessageContaining("string longer than 5 bytes");

    String huge = "\"" + "x".repeat(17 << 20) + "\"";
    assertFails(huge, JsonReader::nextString)
        .hasMessageContaining("string longer than 16777216 bytes");
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new JsonLimits(0, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxDepth");
    assertThatThrownBy(() -> new JsonLimits(1, -1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxStringLength");
    assertThatThrownBy(() -> new JsonLimits(1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("maxNumberLength");
  }
}
