package dev.ssekit.core.json;

import dev.ssekit.core.internal.Bytes;
import dev.ssekit.core.internal.Surrogates;
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

  /**
   * Each name's UTF-8 when that is also its JSON string content (nothing to escape), or null;
   * padded to at least a word so that short names compare in one step.
   */
  private final byte[][] plain;

  private final int[] plainLengths;

  private final boolean[] nonAscii;

  private final Map<String, Integer> indexes;

  private JsonNames(String[] names) {
    this.names = names;
    this.utf8 = new byte[names.length][];
    this.plain = new byte[names.length][];
    this.plainLengths = new int[names.length];
    this.nonAscii = new boolean[names.length];
    this.indexes = new HashMap<>(names.length * 2);
    for (int i = 0; i < names.length; i++) {
      String name = Objects.requireNonNull(names[i], "names[" + i + "]");
      if (indexes.putIfAbsent(name, i) != null) {
        throw new IllegalArgumentException("duplicate name \"" + name + "\" in JsonNames");
      }
      utf8[i] = Surrogates.indexOfLone(name) >= 0 ? null : name.getBytes(StandardCharsets.UTF_8);
      if (utf8[i] != null && needsNoEscape(utf8[i])) {
        plain[i] = Arrays.copyOf(utf8[i], Math.max(utf8[i].length, Long.BYTES));
        plainLengths[i] = utf8[i].length;
      }
      nonAscii[i] = name.chars().anyMatch(c -> c >= 0x80);
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

  /**
   * If {@code b} holds name {@code index} from {@code from}, written without escapes and followed
   * by the closing quote, the index after that quote; otherwise -1. Only for names whose raw UTF-8
   * is also their JSON form (no quote, backslash or control character), so a match is a valid,
   * complete JSON string.
   */
  int matchQuoted(int index, byte[] b, int from, int end) {
    byte[] name = plain[index];
    if (name == null) {
      return -1;
    }
    int close = from + plainLengths[index];
    if (close >= end || b[close] != '"') {
      return -1;
    }
    return Bytes.equalsRange(name, plainLengths[index], b, from) ? close + 1 : -1;
  }

  /** Whether name {@code index} has characters beyond ASCII. */
  boolean isNonAscii(int index) {
    return nonAscii[index];
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

  private static boolean needsNoEscape(byte[] utf8) {
    for (byte c : utf8) {
      if (c >= 0 && (c < 0x20 || c == '"' || c == '\\')) {
        return false;
      }
    }
    return true;
  }
}
