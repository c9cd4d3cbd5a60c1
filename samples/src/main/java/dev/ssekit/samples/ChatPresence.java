package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLogUnavailableException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Who is in the chat, announced as {@link UserConnect} and {@link UserDisconnect} events.
 *
 * <p>A user is present while at least one chat stream opened with their name is connected (two tabs
 * are one user). A user whose last stream ends is announced as gone only after a grace period, and
 * not at all if a stream with the same name comes back within it: a browser reconnecting after a
 * dropped connection (it retries after a second) should not flicker "left" and "joined".
 *
 * <p>Who counts the streams is a {@link Roster}: this node's memory ({@link LocalRoster}), or Redis
 * when several nodes serve the chat ({@link RedisNode#roster}), so that a browser moving from one
 * node to another is neither announced as having left nor as having joined again.
 */
final class ChatPresence implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(ChatPresence.class.getName());

  private final Roster roster;
  private final AtomicLong visits = new AtomicLong();

  ChatPresence(EventHub hub, Roster roster) {
    this.roster = roster;
    roster.start(event -> publish(hub, event));
  }

  /**
   * A new stream for {@code username}. Call {@link Visit#started()} once it is subscribed and
   * {@link Visit#ended()} from the hub's close callback; they may arrive in either order, because a
   * client can vanish before the request thread gets to announce it.
   */
  Visit visit(String username) {
    return new Visit(username, visits.incrementAndGet());
  }

  @Override
  public void close() {
    roster.close();
  }

  /** One stream of one user. */
  final class Visit {
    private final String username;
    private final long id;
    // Guarded by the ChatPresence.
    private boolean started;
    private boolean ended;

    private Visit(String username, long id) {
      this.username = username;
      this.id = id;
    }

    void started() {
      synchronized (ChatPresence.this) {
        if (!started && !ended) {
          started = true;
          roster.opened(username, id);
        }
      }
    }

    void ended() {
      synchronized (ChatPresence.this) {
        if (!ended) {
          ended = true;
          if (started) {
            roster.closed(username, id);
          }
        }
      }
    }
  }

  /**
   * Counts each user's streams and announces arrivals and departures. {@link #opened} and {@link
   * #closed} are called in order, under the presence's lock, so they must not block.
   */
  interface Roster extends AutoCloseable {
    /** Called once, before anything else: where arrivals and departures are announced. */
    void start(Consumer<Object> announce);

    void opened(String username, long visit);

    void closed(String username, long visit);

    @Override
    void close();
  }

  /** The roster of a node on its own: its streams, counted in memory. */
  static final class LocalRoster implements Roster {
    private final ScheduledExecutorService timer;
    private final Duration grace;
    private Consumer<Object> announce;

    // Guarded by this.
    private final Map<String, Integer> streams = new HashMap<>();
    // Guarded by this. The value identifies the one scheduled departure that may still announce.
    private final Map<String, Object> leaving = new HashMap<>();

    LocalRoster(ScheduledExecutorService timer, Duration grace) {
      this.timer = timer;
      this.grace = grace;
    }

    @Override
    public void start(Consumer<Object> announce) {
      this.announce = announce;
    }

    @Override
    public synchronized void opened(String username, long visit) {
      boolean returning = leaving.remove(username) != null;
      if (streams.merge(username, 1, Integer::sum) == 1 && !returning) {
        announce.accept(new UserConnect(username, now()));
      }
    }

    @Override
    public synchronized void closed(String username, long visit) {
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
        announce.accept(new UserDisconnect(username, now()));
      }
    }

    @Override
    public void close() {
      // The timer belongs to the server, which stops it.
    }
  }

  private static void publish(EventHub hub, Object event) {
    try {
      hub.publish(event);
    } catch (EventLogUnavailableException e) {
      // Redis is down: the chat cannot take any event now, so this announcement is lost.
      LOG.log(Level.WARNING, "presence not announced ({0}): {1}", event, e.getMessage());
    } catch (IllegalStateException closed) {
      // The hub closed during shutdown.
    }
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS);
  }
}
