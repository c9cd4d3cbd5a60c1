package dev.ssekit.core;

import dev.ssekit.core.internal.FieldRules;
import dev.ssekit.core.internal.Utf8Buffer;
import dev.ssekit.core.json.JsonWriter;
import dev.ssekit.core.json.internal.JsonWriterAccess;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Objects;

/**
 * Writes complete {@code text/event-stream} frames as UTF-8 into a reusable buffer: the mirror of
 * {@link EventStreamParser}. No value can change a frame's meaning: data and comments containing
 * CR, LF or CRLF become several lines, and an event type or id that would forge fields is rejected
 * before anything is written.
 *
 * <pre>{@code
 * SseEncoder encoder = new SseEncoder();
 * encoder.append(ServerSentEvent.builder().type("ping").id("7").data("{\"n\":1}").build())
 *     .append(new Ping(Instant.now()), PingCodec.INSTANCE)
 *     .appendHeartbeat();
 * encoder.writeTo(out);
 * encoder.reset();
 * }</pre>
 *
 * <p>A frame, in this order: each comment line as {@code : text}; {@code event: type} unless the
 * type is {@code message}; {@code id: value} (an empty id is written as {@code id:}, which resets
 * the receiver's last event ID); {@code retry: millis}; each line of the data as {@code data:
 * text}; then a blank line. The space after the colon is always written before a non-empty value,
 * so a value that itself starts with a space survives; an empty line is written as {@code data:}.
 * Empty data is one {@code data:} line and dispatches as {@code ""}. An event whose data is {@code
 * null} dispatches nothing, so its type is not written; if it has no comment, id or retry either,
 * nothing is written at all.
 *
 * <p>Round trip: parsing the frame for a {@link ServerSentEvent} with data dispatches an equal
 * event, except that the wire format has one line break, so every CR and CRLF in data and comments
 * arrives as LF (and a lone surrogate, which UTF-8 cannot carry, as U+FFFD).
 *
 * <p>A frame that fails (validation, or an exception from a codec) leaves the buffer exactly as it
 * was. Not thread-safe; reuse one per thread and {@link #reset()} it between writes.
 */
public final class SseEncoder {
  private static final JsonWriterAccess JSON = JsonWriterAccess.get();
  private static final byte LF = '\n';
  private static final byte[] COMMENT = ascii(": ");
  private static final byte[] COMMENT_EMPTY = ascii(":");
  private static final byte[] EVENT = ascii("event: ");
  private static final byte[] ID = ascii("id: ");
  private static final byte[] ID_EMPTY = ascii("id:\n");
  private static final byte[] RETRY = ascii("retry: ");
  private static final byte[] DATA = ascii("data: ");
  private static final byte[] DATA_EMPTY = ascii("data:");
  private static final byte[] END = ascii("\n\n");
  private static final byte[] HEARTBEAT = ascii(":\n\n");

  /** A buffer that grew beyond this for one large frame is released by {@link #reset()}. */
  private static final int RETAINED_MAX = 1 << 20;

  private static final int INITIAL_CAPACITY = 256;

  private Utf8Buffer buffer = new Utf8Buffer(INITIAL_CAPACITY);

  /** Writes typed events' JSON straight into {@link #buffer}; created on first use. */
  private JsonWriter json;

  /** The last event name that passed validation, so a codec's constant name is checked once. */
  private String checkedName;

  /** The {@code event:} line for {@link #checkedName}, empty for the default type. */
  private byte[] checkedTypeLine;

  /** An encoder with an empty buffer. */
  public SseEncoder() {}

  /**
   * Appends one complete frame for {@code event} (see the class description for its layout).
   *
   * @return this encoder
   */
  public SseEncoder append(ServerSentEvent event) {
    Objects.requireNonNull(event, "event");
    int mark = buffer.size();
    try {
      String data = event.data();
      if (event.comment() != null) {
        writeLines(COMMENT, COMMENT_EMPTY, event.comment());
      }
      if (data != null && !ServerSentEvent.DEFAULT_TYPE.equals(event.type())) {
        buffer.writeLine(EVENT, event.type());
      }
      if (event.id() != null) {
        writeId(event.id());
      }
      if (event.retry() != null) {
        writeRetry(event.retry());
      }
      if (data != null) {
        writeLines(DATA, DATA_EMPTY, data);
      }
      if (buffer.size() != mark) {
        buffer.writeByte(LF);
      }
    } catch (RuntimeException | Error e) {
      buffer.truncate(mark);
      throw e;
    }
    return this;
  }

  /**
   * Appends a typed event: {@code event:} from {@link SseCodec#eventName()}, {@code id:} from
   * {@link SseCodec#id(Object)} when it is not {@code null}, and the value as JSON on one {@code
   * data:} line.
   *
   * @return this encoder
   * @throws IllegalArgumentException if the event name or id cannot be written; nothing is written
   */
  public <T> SseEncoder append(T value, SseCodec<T> codec) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(codec, "codec");
    return append(value, codec, codec.id(value));
  }

  /**
   * Appends a typed event with an explicit id ({@code null} for none), overriding the codec's.
   *
   * @return this encoder
   * @throws IllegalArgumentException if the event name or id cannot be written; nothing is written
   * @throws dev.ssekit.core.json.JsonException or any other exception from the codec; nothing is
   *     written
   */
  public <T> SseEncoder append(T value, SseCodec<T> codec, String id) {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(codec, "codec");
    String name = codec.eventName();
    if (name == null) {
      throw new IllegalArgumentException(
          "codec " + codec.getClass().getName() + " returned a null event type");
    }
    if (name != checkedName) {
      FieldRules.checkType(name);
      checkedTypeLine = ServerSentEvent.DEFAULT_TYPE.equals(name) ? new byte[0] : typeLine(name);
      checkedName = name;
    }
    if (id != null) {
      FieldRules.checkId(id);
    }
    int mark = buffer.size();
    try {
      buffer.write(checkedTypeLine);
      if (id != null) {
        writeId(id);
      }
      buffer.write(DATA);
      codec.write(jsonWriter(), value);
      checkJson(codec);
      buffer.write(END);
    } catch (RuntimeException | Error e) {
      buffer.truncate(mark);
      throw e;
    }
    return this;
  }

  /**
   * Appends comment lines, one per line of {@code comment}, with no blank line after them: a
   * comment dispatches nothing, and a receiver attaches it to the event that follows. For a
   * keep-alive use {@link #appendHeartbeat()}.
   *
   * @return this encoder
   */
  public SseEncoder appendComment(String comment) {
    Objects.requireNonNull(comment, "comment");
    int mark = buffer.size();
    try {
      writeLines(COMMENT, COMMENT_EMPTY, comment);
    } catch (RuntimeException | Error e) {
      buffer.truncate(mark);
      throw e;
    }
    return this;
  }

  /**
   * Appends a heartbeat, {@code ":\n\n"}: an empty comment in a block of its own, which keeps
   * proxies from timing out an idle connection and dispatches nothing.
   *
   * @return this encoder
   */
  public SseEncoder appendHeartbeat() {
    buffer.write(HEARTBEAT);
    return this;
  }

  /**
   * Appends a retry-only frame, {@code retry: millis} and a blank line, which sets the receiver's
   * reconnection time and dispatches nothing.
   *
   * @return this encoder
   * @throws IllegalArgumentException if {@code millis} is negative; nothing is written
   */
  public SseEncoder appendRetry(long millis) {
    checkRetry(millis);
    writeRetry(millis);
    buffer.writeByte(LF);
    return this;
  }

  /** The number of bytes written since the last {@link #reset()}. */
  public int size() {
    return buffer.size();
  }

  /** A copy of the bytes written since the last {@link #reset()}. */
  public byte[] toByteArray() {
    return buffer.toByteArray();
  }

  /** Writes the bytes written since the last {@link #reset()} to {@code out}. */
  public void writeTo(OutputStream out) throws IOException {
    buffer.writeTo(out);
  }

  /** Empties the buffer for reuse. */
  public void reset() {
    if (buffer.array().length > RETAINED_MAX) {
      buffer = new Utf8Buffer(INITIAL_CAPACITY);
      json = null;
    } else {
      buffer.reset();
    }
  }

  /** The text written since the last {@link #reset()}, for diagnostics. */
  @Override
  public String toString() {
    return buffer.toString();
  }

  /**
   * One complete frame for {@code event}.
   *
   * @see #append(ServerSentEvent)
   */
  public static byte[] encode(ServerSentEvent event) {
    return new SseEncoder().append(event).toByteArray();
  }

  /**
   * One complete frame for a typed event.
   *
   * @see #append(Object, SseCodec)
   */
  public static <T> byte[] encode(T value, SseCodec<T> codec) {
    return new SseEncoder().append(value, codec).toByteArray();
  }

  /** The bytes of a heartbeat, {@code ":\n\n"}; a new array on each call. */
  public static byte[] heartbeat() {
    return HEARTBEAT.clone();
  }

  /**
   * The bytes of a retry-only frame.
   *
   * @throws IllegalArgumentException if {@code millis} is negative
   */
  public static byte[] retryFrame(long millis) {
    return new SseEncoder().appendRetry(millis).toByteArray();
  }

  /** The writer over the current buffer, ready for a new top-level value. */
  private JsonWriter jsonWriter() {
    if (json == null) {
      json = JSON.over(buffer);
    }
    JSON.newDocument(json); // also forgets a value a failed codec left half-written
    return json;
  }

  private static byte[] typeLine(String type) {
    Utf8Buffer line = new Utf8Buffer(EVENT.length + type.length() * 3 + 1);
    line.writeLine(EVENT, type);
    return line.toByteArray();
  }

  private void writeId(String id) {
    if (id.isEmpty()) {
      buffer.write(ID_EMPTY);
      return;
    }
    buffer.writeLine(ID, id);
  }

  private void writeRetry(long millis) {
    buffer.write(RETRY);
    buffer.writeLong(millis);
    buffer.writeByte(LF);
  }

  /** Writes each line of {@code text} (split at CRLF, CR or LF) as a field of its own. */
  private void writeLines(byte[] prefix, byte[] emptyLine, String text) {
    int n = text.length();
    int from = 0;
    while (true) {
      int at = from;
      while (at < n) {
        char c = text.charAt(at);
        if (c == '\n' || c == '\r') {
          break;
        }
        at++;
      }
      if (at == from) {
        buffer.write(emptyLine);
      } else {
        buffer.write(prefix);
        buffer.writeUtf8(text, from, at);
      }
      buffer.writeByte(LF);
      if (at == n) {
        return;
      }
      if (text.charAt(at) == '\r' && at + 1 < n && text.charAt(at + 1) == '\n') {
        at++;
      }
      from = at + 1;
    }
  }

  /**
   * A codec writes only through {@link JsonWriter}, which never emits a raw CR or LF, so the one
   * thing left to check is that it wrote exactly one complete value.
   */
  private void checkJson(SseCodec<?> codec) {
    if (!JSON.isDocumentComplete(json)) {
      throw new IllegalStateException(
          "codec " + codec.getClass().getName() + " did not write exactly one complete JSON value");
    }
  }

  private static void checkRetry(long millis) {
    if (millis < 0) {
      throw new IllegalArgumentException("retry must not be negative: " + millis);
    }
  }

  private static byte[] ascii(String s) {
    byte[] b = new byte[s.length()];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) s.charAt(i);
    }
    return b;
  }
}
