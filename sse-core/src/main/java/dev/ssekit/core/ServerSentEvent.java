package dev.ssekit.core;

import dev.ssekit.core.internal.FieldRules;
import java.util.Objects;

/**
 * One Server-Sent Event, used in both directions: what a server writes and what a receiver
 * dispatches. Immutable and validated on construction, so a value of this type can always be
 * written without changing the frame's meaning.
 *
 * <p>On the wire an event is a block of fields ended by a blank line:
 *
 * <pre>
 * : comment
 * event: ping
 * id: 42
 * retry: 3000
 * data: {"time":"2026-01-01T00:00:00Z"}
 * </pre>
 *
 * <p>Rules enforced here: the type is never empty and contains no CR or LF (a {@code null} type
 * means {@code "message"}, the default a receiver applies); the id contains no CR, LF or NUL; retry
 * is not negative. Data and comments may contain any text: line breaks in them become several
 * {@code data:} or comment lines when encoded.
 *
 * <p>For a dispatched event, {@link #id()} and {@link #retry()} are the fields that appeared in this
 * event's own block ({@code null} when none did), and {@link #comment()} joins the block's comment
 * lines with LF. The connection's last event ID, which persists across events, is tracked by the
 * parser and the client.
 */
public final class ServerSentEvent {
  /** The type a receiver gives an event that has no {@code event} field. */
  public static final String DEFAULT_TYPE = "message";

  private final String type;
  private final String data;
  private final String id;
  private final Long retry;
  private final String comment;

  private ServerSentEvent(String type, String data, String id, Long retry, String comment) {
    this.type = type;
    this.data = data;
    this.id = id;
    this.retry = retry;
    this.comment = comment;
  }

  /** An unnamed event ({@code message}) carrying {@code data}. */
  public static ServerSentEvent of(String data) {
    return builder().data(data).build();
  }

  /** An event of the given type carrying {@code data}. */
  public static ServerSentEvent of(String type, String data) {
    return builder().type(type).data(data).build();
  }

  /** A builder for an event with every field unset. */
  public static Builder builder() {
    return new Builder();
  }

  /** Creates a dispatched event from fields the parser already knows to be valid. */
  static ServerSentEvent parsed(String type, String data, String id, Long retry, String comment) {
    return new ServerSentEvent(type, data, id, retry, comment);
  }

  /** The event type; {@code "message"} when none was given. Never {@code null}. */
  public String type() {
    return type;
  }

  /**
   * The data, or {@code null} for an event that carries none (such as a retry-only frame). A
   * dispatched event always has data, possibly empty.
   */
  public String data() {
    return data;
  }

  /** The id field, or {@code null} for none. An empty id resets the receiver's last event ID. */
  public String id() {
    return id;
  }

  /** The reconnection time in milliseconds, or {@code null} for none. */
  public Long retry() {
    return retry;
  }

  /** The comment, or {@code null} for none. */
  public String comment() {
    return comment;
  }

  /** A builder initialised with this event's fields. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.data = data;
    b.id = id;
    b.retry = retry;
    b.comment = comment;
    return b;
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof ServerSentEvent)) {
      return false;
    }
    ServerSentEvent that = (ServerSentEvent) o;
    return type.equals(that.type)
        && Objects.equals(data, that.data)
        && Objects.equals(id, that.id)
        && Objects.equals(retry, that.retry)
        && Objects.equals(comment, that.comment);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, data, id, retry, comment);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("ServerSentEvent{type=").append(type);
    if (id != null) {
      s.append(", id=").append(id);
    }
    if (retry != null) {
      s.append(", retry=").append(retry);
    }
    if (data != null) {
      s.append(", data=").append(data);
    }
    if (comment != null) {
      s.append(", comment=").append(comment);
    }
    return s.append('}').toString();
  }

  /** Builds a {@link ServerSentEvent}, validating every field as it is set. */
  public static final class Builder {
    private String type = DEFAULT_TYPE;
    private String data;
    private String id;
    private Long retry;
    private String comment;

    private Builder() {}

    /**
     * Sets the event type; {@code null} means {@code "message"}.
     *
     * @throws IllegalArgumentException if empty or containing CR or LF
     */
    public Builder type(String type) {
      this.type = type == null ? DEFAULT_TYPE : FieldRules.checkType(type);
      return this;
    }

    /** Sets the data; line breaks (CR, LF, CRLF) become several {@code data:} lines. */
    public Builder data(String data) {
      this.data = data;
      return this;
    }

    /**
     * Sets the id; {@code null} for none, empty to reset the receiver's last event ID.
     *
     * @throws IllegalArgumentException if it contains CR, LF or NUL
     */
    public Builder id(String id) {
      this.id = id == null ? null : FieldRules.checkId(id);
      return this;
    }

    /**
     * Sets the reconnection time in milliseconds; {@code null} for none.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder retry(Long millis) {
      if (millis != null && millis < 0) {
        throw new IllegalArgumentException("retry must not be negative: " + millis);
      }
      this.retry = millis;
      return this;
    }

    /** Sets the comment; line breaks in it become several comment lines. */
    public Builder comment(String comment) {
      this.comment = comment;
      return this;
    }

    /** The event. */
    public ServerSentEvent build() {
      return new ServerSentEvent(type, data, id, retry, comment);
    }
  }
}
