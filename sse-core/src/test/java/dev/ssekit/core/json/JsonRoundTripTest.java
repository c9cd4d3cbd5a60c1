package dev.ssekit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Random JSON trees written by {@link JsonWriter} and read back by {@link JsonReader}. */
class JsonRoundTripTest {

  @Test
  void randomTreesRoundTrip() {
    for (long seed = 1; seed <= 300; seed++) {
      Random random = new Random(seed);
      Object tree = randomValue(random, 0);
      JsonWriter out = new JsonWriter();
      write(out, tree);
      byte[] json = out.toByteArray();
      JsonReader in = new JsonReader(json);
      Object read = readLike(in, tree);
      in.endDocument();
      assertThat(read).as("seed %d: %s", seed, out).isEqualTo(tree);

      JsonReader skipper = new JsonReader(json);
      skipper.skipValue();
      skipper.endDocument();
    }
  }

  @Test
  void namesMatchedByJsonNamesRoundTrip() {
    String[] keys = {"a", "é", "\n", "\"q\"", "😀", "\u2028", "\ud800"};
    JsonNames names = JsonNames.of(keys);
    JsonWriter out = new JsonWriter().beginObject();
    for (int i = keys.length - 1; i >= 0; i--) {
      if (i % 2 == 0) {
        out.name(JsonName.of(keys[i]));
      } else {
        out.name(keys[i]);
      }
      out.value(i);
    }
    out.name("unknown").beginArray().value(1).endArray().endObject();
    JsonReader in = new JsonReader(out.toByteArray());
    in.beginObject();
    for (int i = keys.length - 1; i >= 0; i--) {
      assertThat(in.nextName(names)).as(keys[i]).isEqualTo(i);
      assertThat(in.nextInt()).isEqualTo(i);
    }
    assertThat(in.nextName(names)).isEqualTo(-1);
    in.skipValue();
    in.endObject();
    in.endDocument();
  }

  private static Object randomValue(Random random, int depth) {
    int kind = random.nextInt(depth > 4 ? 7 : 9);
    switch (kind) {
      case 0:
        return null;
      case 1:
        return random.nextBoolean();
      case 2:
        return random.nextLong() >> random.nextInt(64);
      case 3:
        double d = Double.longBitsToDouble(random.nextLong());
        return Double.isFinite(d) ? d : 0.5;
      case 4:
        return new BigDecimal(new BigInteger(80, random), random.nextInt(40) - 20);
      case 5:
      case 6:
        return randomString(random);
      case 7:
        List<Object> list = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          list.add(randomValue(random, depth + 1));
        }
        return list;
      default:
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = random.nextInt(5); i > 0; i--) {
          map.put(randomString(random), randomValue(random, depth + 1));
        }
        return map;
    }
  }

  private static String randomString(Random random) {
    int length = random.nextInt(12);
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < length; i++) {
      switch (random.nextInt(4)) {
        case 0:
          s.append((char) random.nextInt(0x20));
          break;
        case 1:
          s.appendCodePoint(0x10000 + random.nextInt(0x100000));
          break;
        case 2:
          s.append((char) random.nextInt(0x10000)); // lone surrogates included
          break;
        default:
          s.append((char) (0x20 + random.nextInt(0x60)));
      }
    }
    return s.toString();
  }

  @SuppressWarnings("unchecked")
  private static void write(JsonWriter out, Object value) {
    if (value == null) {
      out.nullValue();
    } else if (value instanceof Boolean) {
      out.value((boolean) value);
    } else if (value instanceof Long) {
      out.value((long) value);
    } else if (value instanceof Double) {
      out.value((double) value);
    } else if (value instanceof BigDecimal) {
      out.value((BigDecimal) value);
    } else if (value instanceof String) {
      out.value((String) value);
    } else if (value instanceof List) {
      out.beginArray();
      for (Object element : (List<Object>) value) {
        write(out, element);
      }
      out.endArray();
    } else {
      out.beginObject();
      for (Map.Entry<String, Object> e : ((Map<String, Object>) value).entrySet()) {
        out.name(e.getKey());
        write(out, e.getValue());
      }
      out.endObject();
    }
  }

  /**
   * Reads back what {@link #write} wrote, with the typed method that matches the expected value, so
   * that every number kind goes through its own parser; a shape mismatch is a JsonException.
   */
  @SuppressWarnings("unchecked")
  private static Object readLike(JsonReader in, Object expected) {
    if (expected == null) {
      in.nextNull();
      return null;
    } else if (expected instanceof Boolean) {
      return in.nextBoolean();
    } else if (expected instanceof Long) {
      return in.nextLong();
    } else if (expected instanceof Double) {
      return in.nextDouble();
    } else if (expected instanceof BigDecimal) {
      return in.nextBigDecimal();
    } else if (expected instanceof String) {
      return in.nextString();
    } else if (expected instanceof List) {
      List<Object> list = new ArrayList<>();
      in.beginArray();
      for (Object element : (List<Object>) expected) {
        list.add(readLike(in, element));
      }
      in.endArray();
      return list;
    } else {
      Map<String, Object> map = new LinkedHashMap<>();
      in.beginObject();
      for (Object element : ((Map<String, Object>) expected).values()) {
        String name = in.nextName();
        map.put(name, readLike(in, element));
      }
      in.endObject();
      return map;
    }
  }
}
