package dev.ssekit.core;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * CONTRACT STUB — to be implemented (JSON helper). Strict RFC 8259 pull reader over UTF-8 bytes,
 * bounded nesting depth and string length, iterative (no recursion), errors with offset.
 */
public final class JsonReader {
  public JsonReader(byte[] utf8) {
    this(utf8, 0, utf8.length);
  }

  public JsonReader(byte[] utf8, int offset, int length) {
    throw new UnsupportedOperationException("todo");
  }

  public static JsonReader of(String json) {
    throw new UnsupportedOperationException("todo");
  }

  public JsonToken peek() {
    throw new UnsupportedOperationException("todo");
  }

  public void beginObject() {}

  public void endObject() {}

  public void beginArray() {}

  public void endArray() {}

  /** True while the current array or object has another element. */
  public boolean hasNext() {
    throw new UnsupportedOperationException("todo");
  }

  public String nextName() {
    throw new UnsupportedOperationException("todo");
  }

  /** Consumes the next name; its index in {@code names}, or -1 when it is not one of them. */
  public int nextName(JsonNames names) {
    throw new UnsupportedOperationException("todo");
  }

  public String nextString() {
    throw new UnsupportedOperationException("todo");
  }

  public boolean nextBoolean() {
    throw new UnsupportedOperationException("todo");
  }

  public int nextInt() {
    throw new UnsupportedOperationException("todo");
  }

  public long nextLong() {
    throw new UnsupportedOperationException("todo");
  }

  public double nextDouble() {
    throw new UnsupportedOperationException("todo");
  }

  public float nextFloat() {
    throw new UnsupportedOperationException("todo");
  }

  /** A one-character string. */
  public char nextChar() {
    throw new UnsupportedOperationException("todo");
  }

  public BigDecimal nextBigDecimal() {
    throw new UnsupportedOperationException("todo");
  }

  public BigInteger nextBigInteger() {
    throw new UnsupportedOperationException("todo");
  }

  public void nextNull() {}

  /** If the next value is {@code null}, consumes it and returns true; otherwise consumes nothing. */
  public boolean nextIfNull() {
    throw new UnsupportedOperationException("todo");
  }

  /** Skips one value of any kind, validating it; iterative, so deep nesting cannot overflow. */
  public void skipValue() {}

  /** Checks that only whitespace remains. */
  public void endDocument() {}
}
