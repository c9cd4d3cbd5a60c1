package dev.ssekit.core.json;

import dev.ssekit.core.internal.Utf8Buffer;
import dev.ssekit.core.json.internal.JsonNumbers;
import dev.ssekit.core.json.internal.JsonStringEncoder;
import dev.ssekit.core.json.internal.JsonWriterAccess;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A compact streaming JSON writer producing UTF-8 bytes; generated codecs write through it.
 *
 * <p>Commas and colons are inserted automatically; misuse (a value where a name is expected, a name
 * outside an object, an unbalanced end, a second top-level value) throws {@link
 * IllegalStateException}. Strings are escaped so that the output never contains a raw CR or LF and
 * fits on one {@code data:} line: {@code "} and {@code \}, every control character, U+2028 and
 * U+2029 are escaped, and a lone surrogate is written as a <code>&#92;uXXXX</code> escape so the
 * string round-trips through {@link JsonReader} exactly; all other characters are raw UTF-8.
 * Numbers are written so they read back exactly; NaN and the infinities, which JSON cannot
 * represent, throw {@link JsonException}.
 *
 * <pre>{@code
 * JsonWriter out = new JsonWriter();
 * out.beginObject();
 * out.name("user").value("ada");
 * out.name("tags").beginArray().value(1).value(2.5).endArray();
 * out.endObject();
 * out.toString(); // {"user":"ada","tags":[1,2.5]}
 * }</pre>
 *
 * <p>Not thread-safe; reuse one per thread with {@link #reset()}.
 */
public final class JsonWriter {
  private static final int EMPTY_DOCUMENT = 0;
  private static final int NONEMPTY_DOCUMENT = 1;
  private static final int EMPTY_ARRAY = 2;
  private static final int NONEMPTY_ARRAY = 3;
  private static final int EMPTY_OBJECT = 4;
  private static final int NONEMPTY_OBJECT = 5;

  /** Inside an object, after a name: a value must follow. */
  private static final int DANGLING_NAME = 6;

  private final Utf8Buffer buffer;
  private final int maxDepth;
  private int[] stack = new int[16];

  /** Index of the innermost scope in {@link #stack}; 0 is the document, so also the nesting. */
  private int depth;

  static {
    JsonWriterAccess.register(
        new JsonWriterAccess() {
          @Override
          public JsonWriter over(Utf8Buffer buffer) {
            return new JsonWriter(buffer, JsonLimits.DEFAULT);
          }

          @Override
          public void newDocument(JsonWriter writer) {
            writer.newDocument();
          }

          @Override
          public boolean isDocumentComplete(JsonWriter writer) {
            return writer.isDocumentComplete();
          }
        });
  }

  /** A writer over its own growable buffer, nesting at most {@link JsonLimits#DEFAULT} levels. */
  public JsonWriter() {
    this(new Utf8Buffer(256), JsonLimits.DEFAULT);
  }

  /**
   * A writer over its own growable buffer that nests at most {@code limits.maxDepth()} levels, so
   * that a cyclic object graph fails with a clear error and a reader with the same limits accepts
   * everything it writes. The other limits do not apply to writing.
   */
  public JsonWriter(JsonLimits limits) {
    this(new Utf8Buffer(256), limits);
  }

  private JsonWriter(Utf8Buffer buffer, JsonLimits limits) {
    this.buffer = Objects.requireNonNull(buffer, "buffer");
    this.maxDepth = limits.maxDepth();
  }

  /** Starts an object; follow with {@link #name} / value pairs and {@link #endObject()}. */
  public JsonWriter beginObject() {
    beforeValue();
    push(EMPTY_OBJECT);
    buffer.writeByte('{');
    return this;
  }

  /** Ends the innermost object. */
  public JsonWriter endObject() {
    int scope = stack[depth];
    if (scope != EMPTY_OBJECT && scope != NONEMPTY_OBJECT) {
      throw new IllegalStateException(
          scope == DANGLING_NAME
              ? "endObject() after a name that has no value"
              : "endObject() without a matching beginObject() (" + where(scope) + ")");
    }
    depth--;
    buffer.writeByte('}');
    return this;
  }

  /** Starts an array; follow with values and {@link #endArray()}. */
  public JsonWriter beginArray() {
    beforeValue();
    push(EMPTY_ARRAY);
    buffer.writeByte('[');
    return this;
  }

  /** Ends the innermost array. */
  public JsonWriter endArray() {
    int scope = stack[depth];
    if (scope != EMPTY_ARRAY && scope != NONEMPTY_ARRAY) {
      throw new IllegalStateException(
          "endArray() without a matching beginArray() (" + where(scope) + ")");
    }
    depth--;
    buffer.writeByte(']');
    return this;
  }

  /** Writes a property name; a value must follow. Prefer {@link #name(JsonName)} in hot code. */
  public JsonWriter name(String name) {
    Objects.requireNonNull(name, "name");
    if (beforeName()) {
      buffer.writeByte(',');
    }
    JsonStringEncoder.writeQuoted(buffer, name);
    buffer.writeByte(':');
    return this;
  }

  /** Writes a pre-encoded property name (one array copy); a value must follow. */
  public JsonWriter name(JsonName name) {
    byte[] encoded = name.encoded();
    boolean comma = beforeName();
    int at = buffer.reserve(encoded.length + 1);
    byte[] b = buffer.array();
    int p = at;
    if (comma) {
      b[p++] = ',';
    }
    System.arraycopy(encoded, 0, b, p, encoded.length);
    buffer.commit(p + encoded.length - at);
    return this;
  }

  /** Writes a string, or {@code null} for a null reference. */
  public JsonWriter value(String value) {
    if (value == null) {
      return nullValue();
    }
    beforeValue();
    JsonStringEncoder.writeQuoted(buffer, value);
    return this;
  }

  /** Writes {@code true} or {@code false}. */
  public JsonWriter value(boolean value) {
    beforeValue();
    buffer.writeAscii(value ? "true" : "false");
    return this;
  }

  /** Writes an integer. */
  public JsonWriter value(int value) {
    beforeValue();
    buffer.writeLong(value);
    return this;
  }

  /** Writes an integer. */
  public JsonWriter value(long value) {
    beforeValue();
    buffer.writeLong(value);
    return this;
  }

  /**
   * Writes a double so that it reads back exactly ({@link Double#toString(double)}'s digits, which
   * are valid JSON, e.g. {@code 1.0E10}; {@code -0.0} keeps its sign).
   *
   * @throws JsonException for NaN and infinities, which JSON cannot represent
   */
  public JsonWriter value(double value) {
    if (!Double.isFinite(value)) {
      throw notFinite(Double.toString(value));
    }
    beforeValue();
    if (!JsonNumbers.writeShortDecimal(buffer, value)) {
      buffer.writeAscii(Double.toString(value));
    }
    return this;
  }

  /**
   * Writes a float so that it reads back exactly with {@link JsonReader#nextFloat()} ({@link
   * Float#toString(float)}'s digits).
   *
   * @throws JsonException for NaN and infinities, which JSON cannot represent
   */
  public JsonWriter value(float value) {
    if (!Float.isFinite(value)) {
      throw notFinite(Float.toString(value));
    }
    beforeValue();
    int whole = (int) value;
    if (whole == value
        && Math.abs(whole) < 10_000_000
        && Float.floatToRawIntBits(value) != Integer.MIN_VALUE) {
      buffer.writeLong(whole);
      buffer.writeAscii(".0");
    } else {
      buffer.writeAscii(Float.toString(value));
    }
    return this;
  }

  /** Writes a one-character string. */
  public JsonWriter value(char value) {
    beforeValue();
    JsonStringEncoder.writeQuoted(buffer, value);
    return this;
  }

  /** Writes a number with {@link BigDecimal#toString()}'s digits, or {@code null}. */
  public JsonWriter value(BigDecimal value) {
    if (value == null) {
      return nullValue();
    }
    String text = checkNumberText(value.toString());
    beforeValue();
    buffer.writeAscii(text);
    return this;
  }

  /** Writes an integer of any size, or {@code null}. */
  public JsonWriter value(BigInteger value) {
    if (value == null) {
      return nullValue();
    }
    String text = checkNumberText(value.toString());
    beforeValue();
    buffer.writeAscii(text);
    return this;
  }

  /** Writes {@code null}. */
  public JsonWriter nullValue() {
    beforeValue();
    buffer.writeAscii("null");
    return this;
  }

  /** A copy of the bytes written (for a writer over a shared buffer, all of the buffer). */
  public byte[] toByteArray() {
    return buffer.toByteArray();
  }

  /** Number of bytes written (for a writer over a shared buffer, the buffer's size). */
  public int size() {
    return buffer.size();
  }

  /** Clears the output and the nesting, to write a new document. */
  public void reset() {
    buffer.reset();
    newDocument();
  }

  /** The JSON written so far. */
  @Override
  public String toString() {
    return buffer.toString();
  }

  /** Resets the nesting so that another top-level value can be written; the buffer stays. */
  private void newDocument() {
    depth = 0;
    stack[0] = EMPTY_DOCUMENT;
  }

  private boolean isDocumentComplete() {
    return depth == 0 && stack[0] == NONEMPTY_DOCUMENT;
  }

  /**
   * Checks a number's text before anything is written: {@code BigDecimal} and {@code BigInteger}
   * are not final, and a subclass's {@code toString()} must not be able to put anything but a
   * number (a line break, say) into the frame.
   */
  private static String checkNumberText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < '0' || c > '9') && c != '-' && c != '+' && c != '.' && c != 'E' && c != 'e') {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        throw new JsonException(
            "not a JSON number (a BigDecimal or BigInteger subclass's toString()?): "
                + shown.replace("\r", "\\r").replace("\n", "\\n"),
            -1);
      }
    }
    return text;
  }

  private void beforeValue() {
    switch (stack[depth]) {
      case NONEMPTY_ARRAY:
        buffer.writeByte(',');
        return;
      case EMPTY_ARRAY:
        stack[depth] = NONEMPTY_ARRAY;
        return;
      case DANGLING_NAME:
        stack[depth] = NONEMPTY_OBJECT;
        return;
      case EMPTY_DOCUMENT:
        stack[depth] = NONEMPTY_DOCUMENT;
        return;
      case NONEMPTY_DOCUMENT:
        throw new IllegalStateException(
            "a JSON document has one top-level value and it is complete; call reset() first");
      default:
        throw new IllegalStateException("a value inside an object must follow a name(...)");
    }
  }

  /** Checks that a name may come next; returns whether a comma must precede it. */
  private boolean beforeName() {
    int scope = stack[depth];
    if (scope == EMPTY_OBJECT || scope == NONEMPTY_OBJECT) {
      stack[depth] = DANGLING_NAME;
      return scope == NONEMPTY_OBJECT;
    }
    throw new IllegalStateException(
        scope == DANGLING_NAME
            ? "name(...) after a name that has no value"
            : "name(...) outside an object (" + where(scope) + ")");
  }

  private void push(int scope) {
    if (depth == maxDepth) {
      throw new JsonException(
          "nesting deeper than "
              + maxDepth
              + " levels (JsonLimits.maxDepth);"
              + " does the object graph contain a cycle?",
          -1);
    }
    if (++depth == stack.length) {
      stack = Arrays.copyOf(stack, Math.min(stack.length * 2, maxDepth + 1));
    }
    stack[depth] = scope;
  }

  private static String where(int scope) {
    switch (scope) {
      case EMPTY_ARRAY:
      case NONEMPTY_ARRAY:
        return "inside an array";
      case EMPTY_OBJECT:
      case NONEMPTY_OBJECT:
      case DANGLING_NAME:
        return "inside an object";
      default:
        return "at the top level";
    }
  }

  private static JsonException notFinite(String value) {
    return new JsonException(
        "cannot write " + value + ": JSON has no representation for NaN or infinities", -1);
  }
}
