package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Who is in the chat, announced as {@link UserConnect} and {@link UserDisconnect} events.
 *
 * <p>A user is present while at least one chat stream opened with their name is connected (two tabs
 * are one user). A user whose last stream ends is announced as gone only after a grace period, and
 * not at all if a stream with the same name comes back within it: a browser reconnecting after a
 * dropped connection (it retries after a second) should not flicker "left" and "joined".
 */
final class ChatPresence {
  private final EventHub hub;
  private final ScheduledExecutorService timer;
  private final Duration grace;

  // Guarded by this.
  private final Map<String, Integer> streams = new HashMap<>();
  // Guarded by this. The value identifies the one scheduled departure that may still announce.
  private final Map<String, Object> leaving = new HashMap<>();

  ChatPresence(EventHub hub, ScheduledExecutorService timer, Duration grace) {
    this.hub = hub;
    this.timer = timer;
    this.grace = grace;
  }

  /**
   * A new stream for {@code username}. Call {@link Visit#started()} once it is subscribed and
   * {@link Visit#ended()} from the hub's close callback; they may arrive in either order, because a
   * client can vanish before the request thread gets to announce it.
   */
  Visit visit(String username) {
    return new Visit(username);
  }

  /** One stream of one user. */
  final class Visit {
    private final String username;
    // Guarded by the ChatPresence.
    private boolean started;
    private boolean ended;

    private Visit(String username) {
      this.username = username;
    }

    void started() {
      synchronized (ChatPresence.this) {
        if (!started && !ended) {
          started = true;
          streamOpened(username);
        }
      }
    }

    void ended() {
      synchronized (ChatPresence.this) {
        if (!ended) {
          ended = true;
          if (started) {
            streamClosed(username);
          }
        }
      }
    }
  }

  private synchronized void streamOpened(String username) {
    boolean returning = leaving.remove(username) != null;
    if (streams.merge(username, 1, Integer::sum) == 1 && !returning) {
      publish(new UserConnect(username, now()));
    }
  }

  private synchronized void streamClosed(String username) {
    if (streams.merge(username, -1, (open, minusOne) -> open == 1 ? null : open - 1) != null) {
      return;
    }
    Object departure = new Object();
    leaving.put(username, departure);
    try {
      timer.schedule(() -> leave(username, departure), grace.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopped) {
      // The server is shutting down; nobody is left to tell.
    }
  }

  private synchronized void leave(String username, Object departure) {
    if (leaving.remove(username, departure)) {
      publish(new UserDisconnect(username, now()));
    }
  }

  private void publish(Object event) {
    try {
      hub.publish(event);
    } catch (IllegalStateException closed) {
      // The hub closed during shutdown.
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
