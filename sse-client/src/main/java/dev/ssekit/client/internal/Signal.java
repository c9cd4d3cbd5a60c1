package dev.ssekit.client.internal;

import dev.ssekit.client.EventSourceException;
import dev.ssekit.core.ServerSentEvent;
import java.net.http.HttpResponse;

/**
 * One thing a stream tells its consumer, in order: the connection opened, an event arrived, an
 * error happened, or the source closed.
 */
public final class Signal {
  /** What kind of signal this is. */
  public enum Kind {
    /** A connection opened. */
    OPEN,
    /** An event was dispatched. */
    EVENT,
    /** A comment line arrived. */
    COMMENT,
    /** Something went wrong; the source may go on. */
    ERROR,
    /** The source closed; nothing follows. */
    CLOSED
  }

  static final Signal CLOSED = new Signal(Kind.CLOSED, null, null, null, null, null);

  private final Kind kind;
  private final HttpResponse.ResponseInfo response;
  private final ServerSentEvent event;
  private final String lastEventId;
  private final EventSourceException error;
  private final String comment;

  private Signal(
      Kind kind,
      HttpResponse.ResponseInfo response,
      ServerSentEvent event,
      String lastEventId,
      EventSourceException error,
      String comment) {
    this.kind = kind;
    this.comment = comment;
    this.response = response;
    this.event = event;
    this.lastEventId = lastEventId;
    this.error = error;
  }

  static Signal open(HttpResponse.ResponseInfo response) {
    return new Signal(Kind.OPEN, response, null, null, null, null);
  }

  static Signal event(ServerSentEvent event, String lastEventId) {
    return new Signal(Kind.EVENT, null, event, lastEventId, null, null);
  }

  static Signal error(EventSourceException error) {
    return new Signal(Kind.ERROR, null, null, null, error, null);
  }

  static Signal comment(String comment) {
    return new Signal(Kind.COMMENT, null, null, null, null, comment);
  }

  /** What kind of signal this is. */
  public Kind kind() {
    return kind;
  }

  /** For {@link Kind#OPEN}: the response's status and headers. */
  public HttpResponse.ResponseInfo response() {
    return response;
  }

  /** For {@link Kind#EVENT}: the event. */
  public ServerSentEvent event() {
    return event;
  }

  /** For {@link Kind#EVENT}: the connection's last event ID once this event was parsed. */
  public String lastEventId() {
    return lastEventId;
  }

  /** For {@link Kind#ERROR}: what went wrong. */
  public EventSourceException error() {
    return error;
  }

  /** For {@link Kind#COMMENT}: the comment's text, one leading space removed. */
  public String comment() {
    return comment;
  }

  /** True for the signals after which nothing more arrives: a final error, or closed. */
  public boolean isTerminal() {
    return kind == Kind.CLOSED || (kind == Kind.ERROR && !error.willReconnect());
  }
}
