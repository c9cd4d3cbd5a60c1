package dev.ssekit.samples;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.json.JsonException;
import dev.ssekit.core.json.JsonWriter;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLogUnavailableException;
import dev.ssekit.hub.InvalidLastEventIdException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The chat's rules, apart from the web framework that serves them: what a stream request and a
 * posted message must hold, and what the server answers. {@link ChatResource} serves them on
 * Jersey, {@link SamplesServlet} through sse-servlet, with the same answers.
 */
final class Chat {
  /** The longest user name, in characters (code points). */
  static final int MAX_USERNAME = 32;

  /** The longest message, in characters (code points). */
  static final int MAX_TEXT = 2000;

  /** Far more than the longest valid message, even with every character escaped. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  static final String PLAIN_TEXT = "text/plain;charset=UTF-8";
  static final String JSON = "application/json";

  private final EventHub hub;
  private final ChatPresence presence;
  private final SseCodec<UserMessage> messages =
      CodecRegistry.loadDefault().codecFor(UserMessage.class);

  Chat(EventHub hub, ChatPresence presence) {
    this.hub = hub;
    this.presence = presence;
  }

  EventHub hub() {
    return hub;
  }

  /** An answer other than a stream: its status, content type, body, and {@code Retry-After}. */
  static final class Reply {
    final int status;
    final String type;
    final String body;

    /** Seconds, or {@code null} for none. */
    final String retryAfter;

    private Reply(int status, String type, String body, String retryAfter) {
      this.status = status;
      this.type = type;
      this.body = body;
      this.retryAfter = retryAfter;
    }

    static Reply plain(int status, String text) {
      return new Reply(status, PLAIN_TEXT, text + "\n", null);
    }
  }

  /** {@code 503} for a request that arrives while the server stops. */
  static final Reply SHUTTING_DOWN = Reply.plain(503, "the server is shutting down");

  /**
   * Checks a stream request: {@code 400} with the reason for a bad user name or {@code
   * Last-Event-ID}, {@code null} if it may be served.
   */
  Reply checkStream(String username, String lastEventId) {
    if (username != null) {
      String problem = checkUsername(username);
      if (problem != null) {
        return Reply.plain(400, problem);
      }
    }
    if (lastEventId != null) {
      try {
        hub.checkLastEventId(lastEventId);
      } catch (InvalidLastEventIdException e) {
        return Reply.plain(400, e.getMessage());
      }
    }
    return null;
  }

  /** How an adapter opens a stream, given what to run when it ends. */
  @FunctionalInterface
  interface Opener<R, X extends Exception> {
    R open(Runnable ended) throws X;
  }

  /**
   * Opens a checked stream with the adapter's {@code open}, which gets what to run when the stream
   * ends ({@code null} for a listener), and announces the user once it is subscribed. A stream
   * the adapter refused ({@code subscribed} false, for example another origin's) ends the visit:
   * nobody joined.
   *
   * @return what {@code open} returned
   * @throws X from {@code open}
   * @throws IllegalStateException from {@code open} when the hub is closed
   */
  <R, X extends Exception> R openStream(
      String username, Opener<R, X> open, java.util.function.Predicate<R> subscribed) throws X {
    ChatPresence.Visit visit = username == null ? null : presence.visit(username);
    R opened = open.open(visit == null ? null : visit::ended);
    if (visit != null) {
      if (subscribed.test(opened)) {
        visit.started();
      } else {
        visit.ended();
      }
    }
    return opened;
  }

  /**
   * Publishes a posted message. The body is {@code {"username": "…", "text": "…"}}, read with the
   * generated codec of {@link UserMessage} (the server sets the time).
   *
   * @return {@code 200} with {@code {"id":"…"}}, the event's id; {@code 400} with a plain-text
   *     reason for malformed or invalid input; {@code 413} for a body over 64 KiB; {@code 503} with
   *     a plain-text reason while the chat's shared event log (Redis) is unreachable
   * @throws IOException if reading the body fails
   */
  Reply post(InputStream body) throws IOException {
    byte[] json = body.readNBytes(MAX_BODY_BYTES + 1);
    if (json.length > MAX_BODY_BYTES) {
      return Reply.plain(413, "the body is larger than " + MAX_BODY_BYTES + " bytes");
    }
    UserMessage posted;
    try {
      posted = messages.fromJson(json);
    } catch (JsonException e) {
      return Reply.plain(400, "malformed JSON: " + e.getMessage());
    }
    String problem = checkUsername(posted.username());
    if (problem == null) {
      problem = checkText(posted.text());
    }
    if (problem != null) {
      return Reply.plain(400, problem);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    String id;
    try {
      id = hub.publish(new UserMessage(posted.username(), now, posted.text()));
    } catch (EventLogUnavailableException e) {
      return unavailable(e);
    } catch (IllegalStateException closed) {
      return SHUTTING_DOWN;
    }
    String answer = new JsonWriter().beginObject().name("id").value(id).endObject().toString();
    return new Reply(200, JSON, answer, null);
  }

  static String checkUsername(String username) {
    if (username == null) {
      return "username is required";
    }
    if (username.isBlank()) {
      return "username must not be blank";
    }
    int length = username.codePointCount(0, username.length());
    if (length > MAX_USERNAME) {
      return "username must be at most " + MAX_USERNAME + " characters, got " + length;
    }
    for (int i = 0; i < username.length(); i++) {
      if (Character.isISOControl(username.charAt(i))) {
        return "username must not contain control characters (found U+"
            + String.format("%04X", (int) username.charAt(i))
            + " at index "
            + i
            + ")";
      }
    }
    return null;
  }

  static String checkText(String text) {
    if (text == null) {
      return "text is required";
    }
    if (text.isBlank()) {
      return "text must not be blank";
    }
    int length = text.codePointCount(0, text.length());
    if (length > MAX_TEXT) {
      return "text must be at most " + MAX_TEXT + " characters, got " + length;
    }
    return null;
  }

  /**
   * {@code 503}: the shared log (Redis) did not take the message. The reason says whether the
   * message may have been posted all the same (Redis took it but did not answer in time), so that a
   * person does not blindly send it twice.
   */
  static Reply unavailable(EventLogUnavailableException e) {
    String why = String.valueOf(e.getMessage());
    while (why.endsWith(".") || why.endsWith(" ")) {
      why = why.substring(0, why.length() - 1); // Lettuce's messages end with a full stop
    }
    String reason =
        "the chat cannot take messages now: "
            + why
            + (e.mayHaveBeenAppended()
                ? "; the message may have been posted all the same, check before sending it again"
                : "; the message was not posted, try again in a moment");
    return new Reply(503, PLAIN_TEXT, reason + "\n", "2");
  }
}
