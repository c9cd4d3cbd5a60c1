package dev.ssekit.core.json;

import dev.ssekit.core.internal.Bytes;
import dev.ssekit.core.json.internal.JsonNumbers;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A strict RFC 8259 pull reader over UTF-8 bytes; generated codecs read through it.
 *
 * <p>Strict means: no leading zeros, leading {@code +}, {@code .5} or {@code 1.}; no NaN or
 * Infinity; no single quotes, comments or trailing commas; only space, tab, CR and LF as
 * whitespace; no raw control characters in strings; only the escapes RFC 8259 defines, <code>
 * &#92;uXXXX</code> with exactly four hex digits; one top-level value. Strings must be valid UTF-8
 * (no overlong forms, no encoded surrogates, nothing above U+10FFFF) or the reader throws. A
 * leading byte order mark is rejected (RFC 8259 section 8.1 forbids sending one; the event-stream
 * parser has already removed the stream's). An escaped surrogate pair becomes one supplementary
 * character; an escaped lone surrogate is accepted as that lone UTF-16 char, which is also how
 * {@link JsonWriter} writes one, so such strings round-trip.
 *
 * <p>Input is bounded by {@link JsonLimits}: nesting depth, string length and number length. The
 * reader never recurses, so no input can overflow the stack. Every problem is a {@link
 * JsonException} whose message names what was expected and what was found, with the byte offset
 * from the start of the JSON text. After a JsonException the reader must not be used further.
 *
 * <pre>{@code
 * JsonReader in = JsonReader.of("{\"user\":\"ada\",\"tags\":[1,2]}");
 * in.beginObject();
 * while (in.hasNext()) {
 *   switch (in.nextName()) {
 *     case "user": user = in.nextString(); break;
 *     default: in.skipValue();
 *   }
 * }
 * in.endObject();
 * in.endDocument();
 * }</pre>
 *
 * <p>Not thread-safe.
 */
public final class JsonReader {
  private static final int EMPTY_DOCUMENT = 0;
  private static final int NONEMPTY_DOCUMENT = 1;
  private static final int EMPTY_ARRAY = 2;
  private static final int NONEMPTY_ARRAY = 3;
  private static final int EMPTY_OBJECT = 4;
  private static final int NONEMPTY_OBJECT = 5;

  /** Inside an object, after a name: a colon and a value must follow. */
  private static final int DANGLING_NAME = 6;

  // What peek found. The token [tokenStart, pos) has been read and validated; it is consumed by
  // clearing peeked.
  private static final int PEEKED_NONE = 0;
  private static final int PEEKED_BEGIN_OBJECT = 1;
  private static final int PEEKED_END_OBJECT = 2;
  private static final int PEEKED_BEGIN_ARRAY = 3;
  private static final int PEEKED_END_ARRAY = 4;
  private static final int PEEKED_NAME = 5;
  private static final int PEEKED_STRING = 6;
  private static final int PEEKED_NUMBER = 7;
  private static final int PEEKED_TRUE = 8;
  private static final int PEEKED_FALSE = 9;
  private static final int PEEKED_NULL = 10;
  private static final int PEEKED_END_DOCUMENT = 11;

  private static final JsonToken[] TOKENS = {
    null,
    JsonToken.BEGIN_OBJECT,
    JsonToken.END_OBJECT,
    JsonToken.BEGIN_ARRAY,
    JsonToken.END_ARRAY,
    JsonToken.NAME,
    JsonToken.STRING,
    JsonToken.NUMBER,
    JsonToken.BOOLEAN,
    JsonToken.BOOLEAN,
    JsonToken.NULL,
    JsonToken.END_DOCUMENT
  };

  private static final String[] DESCRIPTIONS = {
    null,
    "an object",
    "the end of an object",
    "an array",
    "the end of an array",
    "a name",
    "a string",
    "a number",
    "a boolean",
    "a boolean",
    "null",
    "the end of the document"
  };

  private final byte[] buf;
  private final int start;
  private final int end;
  private final int maxDepth;
  private final int maxStringLength;
  private final int maxNumberLength;

  private int pos;
  private int peeked = PEEKED_NONE;
  private int tokenStart;

  /** For a peeked string or name: whether it contains a backslash escape. */
  private boolean tokenEscaped;

  /** For a peeked string or name: whether it contains non-ASCII bytes. */
  private boolean tokenNonAscii;

  /** For a peeked number: whether it has no fraction and no exponent. */
  private boolean tokenInteger;

  private int[] stack = new int[8];

  /** Index of the innermost scope in {@link #stack}; 0 is the document, so also the nesting. */
  private int depth;

  private char[] chars;

  /** The names last matched by {@link #nextName(JsonNames)}, to guess the next index. */
  private JsonNames lastNames;

  /**
   * The index in {@link #lastNames} of the peeked name when it was recognised without scanning, or
   * -1.
   */
  private int predictedIndex = -1;

  private int lastIndex = -1;

  /** Reads all of {@code utf8} with {@link JsonLimits#DEFAULT}. */
  public JsonReader(byte[] utf8) {
    this(utf8, 0, utf8.length);
  }

  /** Reads {@code utf8[offset, offset + length)} with {@link JsonLimits#DEFAULT}. */
  public JsonReader(byte[] utf8, int offset, int length) {
    this(utf8, offset, length, JsonLimits.DEFAULT);
  }

  /**
   * Reads {@code utf8[offset, offset + length)} within {@code limits}. The array is read in place
   * and must not change while this reader is in use.
   */
  public JsonReader(byte[] utf8, int offset, int length, JsonLimits limits) {
    Objects.checkFromIndexSize(offset, length, utf8.length);
    this.buf = utf8;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
    this.maxDepth = limits.maxDepth();
    this.maxStringLength = limits.maxStringLength();
    this.maxNumberLength = limits.maxNumberLength();
    stack[0] = EMPTY_DOCUMENT;
  }

  /** Reads {@code json}, encoded as UTF-8, with {@link JsonLimits#DEFAULT}. */
  public static JsonReader of(String json) {
    return new JsonReader(json.getBytes(StandardCharsets.UTF_8));
  }

  /** The kind of the next token, without consuming it. */
  public JsonToken peek() {
    return TOKENS[peekInternal()];
  }

  /** Consumes the {@code [} of an array. */
  public void beginArray() {
    expect(PEEKED_BEGIN_ARRAY, "an array");
    push(EMPTY_ARRAY);
    peeked = PEEKED_NONE;
  }

  /** Consumes the {@code ]} of the current array. */
  public void endArray() {
    expect(PEEKED_END_ARRAY, "the end of an array");
    depth--;
    peeked = PEEKED_NONE;
  }

  /** Consumes the <code>{</code> of an object. */
  public void beginObject() {
    expect(PEEKED_BEGIN_OBJECT, "an object");
    push(EMPTY_OBJECT);
    peeked = PEEKED_NONE;
  }

  /** Consumes the <code>}</code> of the current object. */
  public void endObject() {
    expect(PEEKED_END_OBJECT, "the end of an object");
    depth--;
    peeked = PEEKED_NONE;
  }

  /** True while the current array or object has another element. */
  public boolean hasNext() {
    int p = peekInternal();
    return p != PEEKED_END_OBJECT && p != PEEKED_END_ARRAY && p != PEEKED_END_DOCUMENT;
  }

  /** Consumes a property name and returns it. */
  public String nextName() {
    expect(PEEKED_NAME, "a name");
    String name = decodeString();
    peeked = PEEKED_NONE;
    return name;
  }

  /**
   * Consumes a property name; returns its index in {@code names}, or -1 when it is not one of them
   * (the caller then usually calls {@link #skipValue()}). A name without escapes is matched on its
   * bytes, without creating a String. The index after the last match is tried first, as codecs read
   * properties in the order they write them.
   */
  public int nextName(JsonNames names) {
    expect(PEEKED_NAME, "a name");
    peeked = PEEKED_NONE;
    int index;
    if (predictedIndex >= 0 && names == lastNames) {
      index = predictedIndex;
    } else if (tokenEscaped) {
      index = names.indexOf(decodeString());
    } else {
      index = matchName(names, tokenStart + 1, pos - 1);
    }
    if (index >= 0) {
      lastNames = names;
      lastIndex = index;
    }
    return index;
  }

  /**
   * Codecs read properties in the order they write them, so the name after the last one matched
   * is most likely next: if the input holds exactly that name (unescaped) and its closing quote,
   * it is consumed without scanning and remembered in {@link #predictedIndex}.
   */
  private boolean predictName() {
    JsonNames names = lastNames;
    if (names != null) {
      int guess = nextGuess(names);
      int after = names.matchQuoted(guess, buf, pos + 1, end);
      if (after > 0 && after - pos - 2 <= maxStringLength) {
        predictedIndex = guess;
        tokenEscaped = false;
        tokenNonAscii = names.isNonAscii(guess);
        pos = after;
        return true;
      }
    }
    predictedIndex = -1;
    return false;
  }

  private int nextGuess(JsonNames names) {
    int next = lastIndex + 1;
    return next < names.size() ? next : 0;
  }

  private int matchName(JsonNames names, int from, int to) {
    int size = names.size();
    int guess = names == lastNames ? nextGuess(names) : 0;
    if (guess < size && names.matches(guess, buf, from, to)) {
      return guess;
    }
    for (int i = 0; i < size; i++) {
      if (i != guess && names.matches(i, buf, from, to)) {
        return i;
      }
    }
    return -1;
  }

  /** Consumes a string value. */
  public String nextString() {
    expect(PEEKED_STRING, "a string");
    String value = decodeString();
    peeked = PEEKED_NONE;
    return value;
  }

  /** Consumes a one-character string (one UTF-16 char). */
  public char nextChar() {
    expect(PEEKED_STRING, "a string");
    int at = tokenStart;
    String value = decodeString();
    if (value.length() != 1) {
      throw new JsonException(
          "expected a single character but found a string of length " + value.length(), at - start);
    }
    peeked = PEEKED_NONE;
    return value.charAt(0);
  }

  /** Consumes {@code true} or {@code false}. */
  public boolean nextBoolean() {
    int p = peekInternal();
    if (p != PEEKED_TRUE && p != PEEKED_FALSE) {
      throw mismatch("a boolean");
    }
    peeked = PEEKED_NONE;
    return p == PEEKED_TRUE;
  }

  /**
   * Consumes a number that is exactly an int ({@code 2}, {@code 2.0} and {@code 2e0} are; {@code
   * 2.5} and {@code 3000000000} are not).
   */
  public int nextInt() {
    long value = integral("an int", Integer.MIN_VALUE, Integer.MAX_VALUE);
    peeked = PEEKED_NONE;
    return (int) value;
  }

  /** Consumes a number that is exactly a long; fractional or out-of-range numbers are errors. */
  public long nextLong() {
    long value = integral("a long", Long.MIN_VALUE, Long.MAX_VALUE);
    peeked = PEEKED_NONE;
    return value;
  }

  /**
   * Consumes a number as the nearest double. A number too large for a double is an error, not
   * infinity; one too small becomes zero.
   */
  public double nextDouble() {
    expect(PEEKED_NUMBER, "a number");
    double value;
    if (tokenInteger && pos - tokenStart <= 18) {
      // Converting a long rounds to nearest, exactly as parsing the same digits would.
      long whole = JsonNumbers.parseLong(buf, tokenStart, pos);
      value = whole == 0 && buf[tokenStart] == '-' ? -0.0 : whole;
    } else {
      value = JsonNumbers.fastDouble(buf, tokenStart, pos);
      if (Double.isNaN(value)) {
        value = Double.parseDouble(numberText());
        if (Double.isInfinite(value)) {
          throw outOfRange("a double");
        }
      }
    }
    peeked = PEEKED_NONE;
    return value;
  }

  /**
   * Consumes a number as the nearest float (rounded once, from the decimal digits). A number too
   * large for a float is an error, not infinity; one too small becomes zero.
   */
  public float nextFloat() {
    expect(PEEKED_NUMBER, "a number");
    float value;
    if (tokenInteger && pos - tokenStart <= 18) {
      // Converting a long rounds to nearest, exactly as parsing the same digits would.
      long whole = JsonNumbers.parseLong(buf, tokenStart, pos);
      value = whole == 0 && buf[tokenStart] == '-' ? -0.0f : whole;
    } else {
      value = Float.parseFloat(numberText());
      if (Float.isInfinite(value)) {
        throw outOfRange("a float");
      }
    }
    peeked = PEEKED_NONE;
    return value;
  }

  /** Consumes a number exactly, as written (e.g. {@code 1.50} keeps its scale). */
  public BigDecimal nextBigDecimal() {
    expect(PEEKED_NUMBER, "a number");
    BigDecimal value = bigDecimal("a BigDecimal");
    peeked = PEEKED_NONE;
    return value;
  }

  /** Consumes a number that is exactly an integer ({@code 1e3} is; {@code 1.5} is not). */
  public BigInteger nextBigInteger() {
    expect(PEEKED_NUMBER, "a number");
    BigInteger value;
    if (tokenInteger) {
      value = new BigInteger(numberText());
    } else {
      BigDecimal decimal = bigDecimal("an integer");
      if (decimal.signum() != 0 && (long) decimal.precision() - decimal.scale() > maxNumberLength) {
        // Written out, it would have more digits than any number this reader accepts.
        throw outOfRange("an integer within JsonLimits.maxNumberLength digits");
      }
      // Tell a fraction by the scale without trailing zeros: toBigIntegerExact() would first
      // compute 10^scale, minutes of CPU for 11e-99999999.
      BigDecimal stripped = decimal.stripTrailingZeros();
      if (stripped.scale() > 0) {
        throw fractional("an integer");
      }
      value = stripped.toBigInteger();
    }
    peeked = PEEKED_NONE;
    return value;
  }

  /** Consumes {@code null}. */
  public void nextNull() {
    expect(PEEKED_NULL, "null");
    peeked = PEEKED_NONE;
  }

  /**
   * If the next value is {@code null}, consumes it and returns true; otherwise consumes nothing.
   */
  public boolean nextIfNull() {
    if (peekInternal() == PEEKED_NULL) {
      peeked = PEEKED_NONE;
      return true;
    }
    return false;
  }

  /**
   * Skips one value of any kind, validating it as if it were read. Iterative, so deep nesting
   * cannot overflow the stack; the nesting limit still applies.
   */
  public void skipValue() {
    int open = 0;
    do {
      int p = peekInternal();
      switch (p) {
        case PEEKED_BEGIN_ARRAY:
          push(EMPTY_ARRAY);
          open++;
          break;
        case PEEKED_BEGIN_OBJECT:
          push(EMPTY_OBJECT);
          open++;
          break;
        case PEEKED_END_ARRAY:
        case PEEKED_END_OBJECT:
          if (open == 0) {
            throw mismatch("a value");
          }
          depth--;
          open--;
          break;
        case PEEKED_NAME:
        case PEEKED_END_DOCUMENT:
          if (open == 0) {
            throw mismatch("a value");
          }
          break;
        default:
          break;
      }
      peeked = PEEKED_NONE;
    } while (open > 0);
  }

  /** Checks that the value has been read completely and that only whitespace remains. */
  public void endDocument() {
    expect(PEEKED_END_DOCUMENT, "the end of the document");
  }

  /** Where the reader is, for debugging. */
  @Override
  public String toString() {
    return "JsonReader at offset " + (pos - start) + ", depth " + depth;
  }

  // ---------------------------------------------------------------------------------------------
  // Tokenizing

  private int peekInternal() {
    int p = peeked;
    return p != PEEKED_NONE ? p : doPeek();
  }

  private void expect(int kind, String what) {
    if (peekInternal() != kind) {
      throw mismatch(what);
    }
  }

  /** Reads and validates the next token, updating the scope it belongs to. */
  private int doPeek() {
    int c;
    switch (stack[depth]) {
      case EMPTY_ARRAY:
        stack[depth] = NONEMPTY_ARRAY;
        c = skipWhitespace();
        if (c == ']') {
          return token(PEEKED_END_ARRAY);
        }
        break;
      case NONEMPTY_ARRAY:
        c = skipWhitespace();
        if (c == ',') {
          pos++;
          c = skipWhitespace();
        } else if (c == ']') {
          return token(PEEKED_END_ARRAY);
        } else {
          throw unexpected("',' or ']'");
        }
        break;
      case EMPTY_OBJECT:
      case NONEMPTY_OBJECT:
        boolean first = stack[depth] == EMPTY_OBJECT;
        stack[depth] = DANGLING_NAME;
        c = skipWhitespace();
        if (c == '}') {
          return token(PEEKED_END_OBJECT);
        }
        if (!first) {
          if (c != ',') {
            throw unexpected("',' or '}'");
          }
          pos++;
          c = skipWhitespace();
        }
        if (c != '"') {
          throw unexpected(first ? "a name or '}'" : "a name");
        }
        tokenStart = pos;
        if (!predictName()) {
          scanString();
        }
        return peeked = PEEKED_NAME;
      case DANGLING_NAME:
        stack[depth] = NONEMPTY_OBJECT;
        c = skipWhitespace();
        if (c != ':') {
          throw unexpected("':'");
        }
        pos++;
        c = skipWhitespace();
        break;
      case EMPTY_DOCUMENT:
        stack[depth] = NONEMPTY_DOCUMENT;
        if (end - pos >= 3
            && buf[pos] == (byte) 0xEF
            && buf[pos + 1] == (byte) 0xBB
            && buf[pos + 2] == (byte) 0xBF) {
          throw new JsonException(
              "a byte order mark is not allowed before JSON (RFC 8259 section 8.1)", 0);
        }
        c = skipWhitespace();
        break;
      default: // NONEMPTY_DOCUMENT
        c = skipWhitespace();
        if (c != -1) {
          throw unexpected("the end of the document");
        }
        tokenStart = pos;
        return peeked = PEEKED_END_DOCUMENT;
    }
    return peekValue(c);
  }

  private int peekValue(int c) {
    tokenStart = pos;
    switch (c) {
      case '{':
        return token(PEEKED_BEGIN_OBJECT);
      case '[':
        return token(PEEKED_BEGIN_ARRAY);
      case '"':
        scanString();
        return peeked = PEEKED_STRING;
      case 't':
        return literal("true", PEEKED_TRUE);
      case 'f':
        return literal("false", PEEKED_FALSE);
      case 'n':
        return literal("null", PEEKED_NULL);
      case '-':
      case '0':
      case '1':
      case '2':
      case '3':
      case '4':
      case '5':
      case '6':
      case '7':
      case '8':
      case '9':
        scanNumber();
        return peeked = PEEKED_NUMBER;
      default:
        throw unexpected("a value");
    }
  }

  /** A one-byte token at {@code pos}. */
  private int token(int kind) {
    tokenStart = pos++;
    return peeked = kind;
  }

  private int literal(String word, int kind) {
    int n = word.length();
    if (end - pos < n) {
      throw invalidLiteral();
    }
    for (int i = 1; i < n; i++) {
      if (buf[pos + i] != word.charAt(i)) {
        throw invalidLiteral();
      }
    }
    pos += n;
    return peeked = kind;
  }

  private JsonException invalidLiteral() {
    return new JsonException(
        "expected a value (true, false, null, a number, a string, an array or an object) but"
            + " found an invalid literal",
        pos - start);
  }

  /** Skips JSON whitespace; returns the next byte (0-255) without consuming it, or -1 at end. */
  private int skipWhitespace() {
    // Compact JSON has no whitespace: one comparison settles most calls, in a method small enough
    // to be inlined at each of its call sites.
    int p = pos;
    if (p < end) {
      int c = buf[p] & 0xFF;
      if (c > ' ') {
        return c;
      }
    }
    return skipWhitespaceRun();
  }

  private int skipWhitespaceRun() {
    byte[] b = buf;
    int p = pos;
    while (p < end) {
      int c = b[p] & 0xFF;
      if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
        pos = p;
        return c;
      }
      p++;
    }
    pos = p;
    return -1;
  }

  private void push(int scope) {
    if (depth == maxDepth) {
      throw new JsonException(
          "nesting deeper than " + maxDepth + " levels (JsonLimits.maxDepth)", tokenStart - start);
    }
    if (++depth == stack.length) {
      stack = Arrays.copyOf(stack, Math.min(stack.length * 2, maxDepth + 1));
    }
    stack[depth] = scope;
  }

  // ---------------------------------------------------------------------------------------------
  // Strings

  /**
   * Validates the string whose opening quote is at {@code pos}: escapes, UTF-8, no raw control
   * characters, length limit. Leaves {@code pos} after the closing quote.
   */
  private void scanString() {
    byte[] b = buf;
    int contentStart = pos + 1;
    int limit = end - contentStart > maxStringLength ? contentStart + maxStringLength + 1 : end;
    boolean escaped = false;
    boolean nonAscii = false;
    int i = contentStart;
    while (true) {
      int c;
      // ASCII fast path: printable, not a quote or backslash, eight bytes at a time.
      i = Bytes.indexOfJsonStringSpecial(b, i, limit);
      if (i >= limit) {
        if (limit < end) {
          throw new JsonException(
              "string longer than " + maxStringLength + " bytes (JsonLimits.maxStringLength)",
              pos - start);
        }
        throw new JsonException("unterminated string", pos - start);
      }
      c = b[i];
      if (c == '"') {
        break;
      } else if (c == '\\') {
        escaped = true;
        i = scanEscape(i);
      } else if (c < 0) {
        nonAscii = true;
        i = scanUtf8(i);
      } else {
        throw new JsonException(
            "control character " + hexByte(c) + " must be escaped in a string", i - start);
      }
    }
    tokenEscaped = escaped;
    tokenNonAscii = nonAscii;
    pos = i + 1;
  }

  /** Validates the escape at {@code i}; returns the index after it. */
  private int scanEscape(int i) {
    if (i + 1 >= end) {
      throw new JsonException("unterminated string", tokenStart - start);
    }
    switch (buf[i + 1]) {
      case '"':
      case '\\':
      case '/':
      case 'b':
      case 'f':
      case 'n':
      case 'r':
      case 't':
        return i + 2;
      case 'u':
        for (int k = i + 2; k < i + 6; k++) {
          if (k >= end) {
            throw new JsonException("unterminated string", tokenStart - start);
          }
          if (hexValue(buf[k]) < 0) {
            throw new JsonException(
                "invalid \\u escape: expected four hex digits but found " + describe(k), k - start);
          }
        }
        return i + 6;
      default:
        throw new JsonException(
            "invalid escape: '\\' must be followed by one of \"\\/bfnrtu but found "
                + describe(i + 1),
            i + 1 - start);
    }
  }

  /** Validates the multi-byte UTF-8 sequence at {@code i} (RFC 3629); returns the index after. */
  private int scanUtf8(int i) {
    int b0 = buf[i] & 0xFF;
    int length;
    int min2 = 0x80; // the range of the second byte, narrower after E0, ED, F0 and F4
    int max2 = 0xBF;
    if (b0 >= 0xC2 && b0 <= 0xDF) {
      length = 2;
    } else if (b0 >= 0xE0 && b0 <= 0xEF) {
      length = 3;
      if (b0 == 0xE0) {
        min2 = 0xA0; // no overlong forms
      } else if (b0 == 0xED) {
        max2 = 0x9F; // no surrogates
      }
    } else if (b0 >= 0xF0 && b0 <= 0xF4) {
      length = 4;
      if (b0 == 0xF0) {
        min2 = 0x90;
      } else if (b0 == 0xF4) {
        max2 = 0x8F; // nothing above U+10FFFF
      }
    } else {
      throw invalidUtf8(i);
    }
    if (i + length > end) {
      throw new JsonException("truncated UTF-8 sequence in a string", i - start);
    }
    int b1 = buf[i + 1] & 0xFF;
    if (b1 < min2 || b1 > max2) {
      throw invalidUtf8(i);
    }
    for (int k = i + 2; k < i + length; k++) {
      if ((buf[k] & 0xC0) != 0x80) {
        throw invalidUtf8(i);
      }
    }
    return i + length;
  }

  private JsonException invalidUtf8(int i) {
    return new JsonException(
        "invalid UTF-8 in a string (sequence starting with byte " + hexByte(buf[i]) + ")",
        i - start);
  }

  /** Decodes the peeked string or name, which {@link #scanString()} has validated. */
  private String decodeString() {
    int from = tokenStart + 1;
    int to = pos - 1;
    if (!tokenEscaped) {
      return new String(
          buf,
          from,
          to - from,
          tokenNonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
    if (chars == null || chars.length < to - from) {
      chars = new char[Math.max(to - from, chars == null ? 64 : chars.length * 2)];
    }
    char[] out = chars;
    byte[] b = buf;
    int n = 0;
    int i = from;
    while (i < to) {
      int c = b[i];
      if (c >= 0 && c != '\\') {
        out[n++] = (char) c;
        i++;
      } else if (c == '\\') {
        int e = b[i + 1];
        switch (e) {
          case 'b':
            out[n++] = '\b';
            break;
          case 'f':
            out[n++] = '\f';
            break;
          case 'n':
            out[n++] = '\n';
            break;
          case 'r':
            out[n++] = '\r';
            break;
          case 't':
            out[n++] = '\t';
            break;
          case 'u':
            out[n++] =
                (char)
                    (hexValue(b[i + 2]) << 12
                        | hexValue(b[i + 3]) << 8
                        | hexValue(b[i + 4]) << 4
                        | hexValue(b[i + 5]));
            i += 4;
            break;
          default: // '"', '\\', '/'
            out[n++] = (char) e;
        }
        i += 2;
      } else {
        int b0 = c & 0xFF;
        if (b0 < 0xE0) {
          out[n++] = (char) ((b0 & 0x1F) << 6 | (b[i + 1] & 0x3F));
          i += 2;
        } else if (b0 < 0xF0) {
          out[n++] = (char) ((b0 & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | (b[i + 2] & 0x3F));
          i += 3;
        } else {
          int cp =
              (b0 & 0x07) << 18
                  | (b[i + 1] & 0x3F) << 12
                  | (b[i + 2] & 0x3F) << 6
                  | (b[i + 3] & 0x3F);
          out[n++] = Character.highSurrogate(cp);
          out[n++] = Character.lowSurrogate(cp);
          i += 4;
        }
      }
    }
    return new String(out, 0, n);
  }

  private static int hexValue(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  // ---------------------------------------------------------------------------------------------
  // Numbers

  /** Validates the number at {@code pos} against RFC 8259's grammar; leaves pos after it. */
  private void scanNumber() {
    byte[] b = buf;
    int i = pos;
    if (b[i] == '-') {
      i++;
    }
    if (i >= end || !isDigit(b[i])) {
      throw numberError("expected a digit after '-'", i);
    }
    if (b[i] == '0') {
      i++;
      if (i < end && isDigit(b[i])) {
        throw new JsonException("invalid number: leading zeros are not allowed", pos - start);
      }
    } else {
      while (i < end && isDigit(b[i])) {
        i++;
      }
    }
    boolean integer = true;
    if (i < end && b[i] == '.') {
      integer = false;
      i++;
      if (i >= end || !isDigit(b[i])) {
        throw numberError("expected a digit after the decimal point", i);
      }
      while (i < end && isDigit(b[i])) {
        i++;
      }
    }
    if (i < end && (b[i] == 'e' || b[i] == 'E')) {
      integer = false;
      i++;
      if (i < end && (b[i] == '+' || b[i] == '-')) {
        i++;
      }
      if (i >= end || !isDigit(b[i])) {
        throw numberError("expected a digit in the exponent", i);
      }
      while (i < end && isDigit(b[i])) {
        i++;
      }
    }
    if (i - pos > maxNumberLength) {
      throw new JsonException(
          "number longer than " + maxNumberLength + " characters (JsonLimits.maxNumberLength)",
          pos - start);
    }
    tokenInteger = integer;
    pos = i;
  }

  private JsonException numberError(String message, int at) {
    return new JsonException(
        "invalid number: " + message + " but found " + describe(at), at - start);
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private String numberText() {
    return new String(buf, tokenStart, pos - tokenStart, StandardCharsets.ISO_8859_1);
  }

  /** The peeked number as a long within [min, max], or an error naming {@code type}. */
  private long integral(String type, long min, long max) {
    expect(PEEKED_NUMBER, "a number");
    long value;
    if (tokenInteger) {
      value = JsonNumbers.parseLong(buf, tokenStart, pos);
      if (value == JsonNumbers.NOT_FAST) {
        if (!numberText().equals("-9223372036854775808")) {
          throw outOfRange(type);
        }
        value = Long.MIN_VALUE;
      }
    } else {
      BigDecimal decimal = bigDecimal(type);
      if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
        throw fractional(type);
      }
      try {
        value = decimal.longValueExact();
      } catch (ArithmeticException e) {
        throw outOfRange(type);
      }
    }
    if (value < min || value > max) {
      throw outOfRange(type);
    }
    return value;
  }

  /** The peeked number as a BigDecimal, or an error naming {@code type}. */
  private BigDecimal bigDecimal(String type) {
    try {
      return new BigDecimal(numberText());
    } catch (NumberFormatException e) {
      // The grammar is checked already; this is an exponent beyond what BigDecimal can hold.
      throw outOfRange(type);
    }
  }

  private JsonException outOfRange(String type) {
    return new JsonException(
        "number " + abbreviatedNumber() + " is out of range for " + type, tokenStart - start);
  }

  private JsonException fractional(String type) {
    return new JsonException(
        "expected " + type + " but found the fractional number " + abbreviatedNumber(),
        tokenStart - start);
  }

  private String abbreviatedNumber() {
    int length = pos - tokenStart;
    if (length <= 40) {
      return numberText();
    }
    return new String(buf, tokenStart, 20, StandardCharsets.ISO_8859_1)
        + "..."
        + new String(buf, pos - 10, 10, StandardCharsets.ISO_8859_1)
        + " ("
        + length
        + " characters)";
  }

  // ---------------------------------------------------------------------------------------------
  // Errors

  /** The peeked token is not what the caller asked for. */
  JsonException mismatch(String expected) {
    return new JsonException(
        "expected " + expected + " but found " + DESCRIPTIONS[peeked], tokenStart - start);
  }

  /** The byte at {@code pos} is not what the grammar allows here. */
  private JsonException unexpected(String expected) {
    return new JsonException("expected " + expected + " but found " + describe(pos), pos - start);
  }

  private String describe(int at) {
    if (at >= end) {
      return "end of input";
    }
    int c = buf[at] & 0xFF;
    if (c > 0x20 && c < 0x7F) {
      return "'" + (char) c + "'";
    }
    return "byte " + hexByte(c);
  }

  private static String hexByte(int c) {
    String hex = Integer.toHexString(c & 0xFF).toUpperCase(Locale.ROOT);
    return hex.length() == 1 ? "0x0" + hex : "0x" + hex;
  }
}
