package dev.ssekit.core;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The property names a generated codec expects, in a fixed order. {@link
 * JsonReader#nextName(JsonNames)} returns the index of the name it read, matching the input bytes
 * directly (no String is created) when the name in the input has no escapes. Immutable and
 * thread-safe; generated codecs keep one in a {@code static final} field.
 */
public final class JsonNames {
  private final String[] names;

  /** Each name as raw UTF-8, or null when it holds a lone surrogate, which UTF-8 cannot encode. */
  private final byte[][] utf8;

  private final Map<String, Integer> indexes;

  private JsonNames(String[] names) {
    this.names = names;
    this.utf8 = new byte[names.length][];
    this.indexes = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      String name = Objects.requireNonNull(names[i], "names[" + i + "]");
      if (indexes.putIfAbsent(name, i) != null) {
        throw new IllegalArgumentException("duplicate name \"" + name + "\" in JsonNames");
      }
      utf8[i] = hasLoneSurrogate(name) ? null : name.getBytes(StandardCharsets.UTF_8);
    }
  }

  /** The names, indexed from 0 in the order given; duplicates are rejected. */
  public static JsonNames of(String... names) {
    return new JsonNames(names.clone());
  }

  /** The names, indexed from 0 in the order given; duplicates are rejected. */
  public static JsonNames of(List<String> names) {
    return new JsonNames(names.toArray(new String[0]));
  }

  /** How many names there are. */
  public int size() {
    return names.length;
  }

  /** The name at {@code index}. */
  public String name(int index) {
    return names[index];
  }

  /** The index of {@code name}, or -1. */
  public int indexOf(String name) {
    Integer index = indexes.get(name);
    return index == null ? -1 : index;
  }

  /** Whether name {@code index} is exactly the unescaped UTF-8 bytes {@code b[from, to)}. */
  boolean matches(int index, byte[] b, int from, int to) {
    byte[] name = utf8[index];
    return name != null
        && name.length == to - from
        && Arrays.equals(name, 0, name.length, b, from, to);
  }

  /** The names, for debugging. */
  @Override
  public String toString() {
    return Arrays.toString(names);
  }

  private static boolean hasLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
