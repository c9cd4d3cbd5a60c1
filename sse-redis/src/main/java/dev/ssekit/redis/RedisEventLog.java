package dev.ssekit.redis;

import dev.ssekit.hub.EventLog;
import dev.ssekit.hub.EventLogObserver;
import dev.ssekit.hub.EventLogUnavailableException;
import dev.ssekit.redis.internal.RedisStreams;
import dev.ssekit.redis.internal.RedisStreams.ReplayAnswer;
import io.lettuce.core.RedisURI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * An {@link EventLog} on Redis Streams, shared by every node that builds one on the same Redis:
 * each node's {@link dev.ssekit.hub.EventHub} serves the same topics, and a client resumes on any
 * node.
 *
 * <pre>{@code
 * EventHub hub =
 *     EventHub.builder()
 *         .eventLog(RedisEventLog.builder("redis://127.0.0.1:6379").build())
 *         .build();
 * }</pre>
 *
 * <h2>Guarantees</h2>
 *
 * <ul>
 *   <li>Every node's subscribers of a topic see the same events in the same order with the same
 *       ids, whichever node published them. A process with no hub (a worker) publishes through a
 *       log of its own: {@link #append append(topic, null, body)}.
 *   <li>A client that resumes on any node with {@code Last-Event-ID} gets exactly the events it
 *       missed while its id is in the topic's window; outside it, the hub sends its reset event.
 *       The window keeps at least the last {@code maxEvents} events (Redis trims whole blocks of
 *       about 100 entries, so a few more may stay) and none older than {@code maxAge}, except that
 *       the newest id stays known.
 *   <li>When Redis loses a topic's stream (a restart without persistence, {@code FLUSHALL}, an
 *       eviction), every id given out before is unknown from then on, and followers are told
 *       ({@link EventLog.Follower#lost}): clients get the reset event, never a silent gap or an
 *       event that reuses an old id. Each id carries the stream's <em>epoch</em>, a random token
 *       chosen when the stream is created.
 *   <li>Ids are {@code <epoch>_<stream id>}, for example {@code kx3f9a2b_1733380000000-0}: visible
 *       ASCII, at most 50 bytes. The log assigns every id; an event's own id ({@code @SseId}) is
 *       refused, because other nodes could not find it for a replay.
 * </ul>
 *
 * <h2>When Redis is unavailable</h2>
 *
 * Publishing fails fast: {@link #append} throws {@link EventLogUnavailableException} at once when
 * the connection is down, with {@code mayHaveBeenAppended() == false}, and after {@code
 * publishTimeout} when Redis took the request but did not answer, with {@code true} (the event may
 * be in the stream; a retry may publish it twice). Nothing is buffered: an event either is in Redis
 * or its publisher knows it may not be, so a process that stops loses nothing it was told was
 * published. An HTTP endpoint that publishes answers {@code 503}.
 *
 * <p>Open streams stay open (the hub keeps sending heartbeats). This node reconnects by itself,
 * with a backoff from 100 ms to 2 s, logs a warning once per outage and a notice when Redis is
 * back; it then resumes every topic after the last entry it delivered, so connected subscribers
 * miss nothing that Redis accepted (unless Redis lost it, which is then detected as above). A
 * replay asked for meanwhile waits until Redis answers or the client leaves. A log built while
 * Redis is down builds, says so in the log, and connects when Redis starts.
 *
 * <h2>What Redis can lose</h2>
 *
 * Redis replication is asynchronous: when a primary fails and a replica takes over, the newest
 * entries may not have reached it. Such events were delivered live on some nodes and are missing
 * from the stream afterwards. Entries are numbered, so a node that delivered them notices when the
 * next event of the topic arrives with a number it has already seen, and sends its subscribers the
 * reset event; a client that resumes from a lost id gets the reset event. Until the next event,
 * nothing is told. Where that matters, run Redis with {@code appendonly yes} (and {@code
 * appendfsync everysec} or {@code always}) and {@code min-replicas-to-write 1}.
 *
 * <h2>Cost</h2>
 *
 * One round trip per published event (a Lua script that also trims the window) and one when this
 * node starts following a topic (its first subscriber here), three connections (publishing,
 * replaying, following) and one reader thread per log whatever the number of topics, and one {@code XREAD} per batch of events for all followed
 * topics. Keys: {@code <prefix>topic:<topic>} (the stream), {@code <prefix>epoch:<topic>} and
 * {@code <prefix>seq:<topic>}; a topic's keys stay in Redis until deleted, the stream holding at
 * most its window. Thread-safe.
 */
public final class RedisEventLog implements EventLog {
  /** The default key prefix. */
  public static final String DEFAULT_KEY_PREFIX = "ssekit:";

  /** The default bound on the number of events a topic's window keeps. */
  public static final int DEFAULT_MAX_EVENTS = 1000;

  /** The default bound on the age of events a topic's window keeps. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  /** The default time a publish waits for Redis's answer. */
  public static final Duration DEFAULT_PUBLISH_TIMEOUT = Duration.ofSeconds(2);

  private final RedisStreams streams;
  private final EventLogObserver observer;

  private RedisEventLog(RedisStreams streams, EventLogObserver observer) {
    this.streams = streams;
    this.observer = observer;
  }

  /**
   * Starts configuring a log on the Redis at {@code redisUri}, in Lettuce's URI syntax: {@code
   * redis://[password@]host[:port][/database]}, {@code rediss://} for TLS, or {@code
   * redis-sentinel://host:port[,host:port]/[database]#masterName}.
   *
   * @throws IllegalArgumentException if the URI is malformed
   */
  public static Builder builder(String redisUri) {
    Objects.requireNonNull(redisUri, "redisUri");
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUri);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a Redis URI: " + redisUri, e);
    }
    return new Builder(uri);
  }

  /**
   * Appends the event to the topic's stream in one round trip; every node's follower of the topic
   * then hands it over with the returned id.
   *
   * @throws IllegalArgumentException if {@code ownId} is not null: this log assigns every id
   * @throws EventLogUnavailableException if Redis is unreachable ({@code mayHaveBeenAppended()}
   *     false), did not answer within the publish timeout (true), or refused the write, for example
   *     out of memory or a read-only replica (false)
   */
  @Override
  public String append(String topic, String ownId, byte[] body) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(body, "body");
    if (ownId != null) {
      throw new IllegalArgumentException(
          "a Redis log assigns ids; an event's own id (@SseId or ServerSentEvent.id) can't be found"
              + " by other nodes for replay: publish it without an id (got \""
              + ownId
              + "\")");
    }
    try {
      return streams.append(topic, body);
    } catch (EventLogUnavailableException e) {
      if (observer != null) {
        try {
          observer.appendFailed(topic, e);
        } catch (RuntimeException o) {
          e.addSuppressed(o);
        }
      }
      throw e;
    }
  }

  /**
   * Follows the topic. When Redis answers, this asks it where the topic stands, on the publishing
   * connection (one round trip, at most {@code publishTimeout}), and calls {@link Follower#started}
   * from the caller's thread before it returns: an event published afterwards, on any node, reaches
   * the follower. When Redis is unreachable, {@code started} comes once it answers, from the reader
   * thread, or from the first {@link #append} to the topic on this node, which asks before it
   * appends: an event published on this node after {@code follow} is never before the start. Then
   * every event and loss, in order, from the reader thread.
   */
  @Override
  public void follow(String topic, Follower follower) {
    Objects.requireNonNull(topic, "topic");
    streams.follow(topic, new FollowerAdapter(follower));
  }

  /** Stops following the topic for {@code follower}; does nothing if it is not the current one. */
  @Override
  public void unfollow(String topic, Follower follower) {
    streams.unfollow(topic, new FollowerAdapter(follower));
  }

  /**
   * Reads the frames after {@code lastEventId} up to {@code upTo} from the topic's stream, in
   * pages, on the log's replay connection (four replays in flight at most, so that a reconnecting
   * crowd never queues in front of publishing). An id of another epoch (from before a loss), of
   * another topic, out of the window or not made by this log is unknown. While Redis is
   * unreachable the stage stays incomplete and the read is retried until it answers or the stage
   * is cancelled.
   */
  @Override
  public CompletionStage<Replay> replay(String topic, String lastEventId, String upTo) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(lastEventId, "lastEventId");
    CompletableFuture<ReplayAnswer> answer = streams.replay(topic, lastEventId, upTo);
    CompletableFuture<Replay> replay =
        answer.thenApply(
            a -> {
              switch (a.kind) {
                case UNKNOWN:
                  return Replay.unknownId();
                case AHEAD:
                  return Replay.aheadOfFollower(lastEventId);
                default:
                  return Replay.of(frames(a));
              }
            });
    // The hub cancels the stage it was given when the client leaves: stop retrying then.
    replay.whenComplete(
        (r, e) -> {
          if (replay.isCancelled()) {
            answer.cancel(false);
          }
        });
    return replay;
  }

  private static List<byte[]> frames(ReplayAnswer answer) {
    List<byte[]> frames = new ArrayList<>(answer.ids.size());
    for (int i = 0; i < answer.ids.size(); i++) {
      frames.add(EventLog.frame(answer.ids.get(i), answer.bodies.get(i)));
    }
    return frames;
  }

  /**
   * Stops the reader thread, closes its connections and releases Lettuce's threads, within about
   * two seconds. Publishing afterwards throws {@link EventLogUnavailableException}.
   */
  @Override
  public void close() {
    streams.close();
  }

  /** The hub's follower, given frames instead of bodies; equal to another for the same one. */
  private static final class FollowerAdapter implements RedisStreams.TopicFollower {
    private final Follower follower;

    FollowerAdapter(Follower follower) {
      this.follower = Objects.requireNonNull(follower, "follower");
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof FollowerAdapter && ((FollowerAdapter) o).follower == follower;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(follower);
    }

    @Override
    public void started(String latestId) {
      follower.started(latestId);
    }

    @Override
    public void event(String id, byte[] body) {
      follower.event(id, EventLog.frame(id, body));
    }

    @Override
    public void lost(String latestId) {
      follower.lost(latestId);
    }
  }

  /** Configures a {@link RedisEventLog}. */
  public static final class Builder {
    private final RedisURI uri;
    private String keyPrefix = DEFAULT_KEY_PREFIX;
    private int maxEvents = DEFAULT_MAX_EVENTS;
    private Duration maxAge = DEFAULT_MAX_AGE;
    private Duration publishTimeout = DEFAULT_PUBLISH_TIMEOUT;
    private Duration blockTime = Duration.ofSeconds(1);
    private EventLogObserver observer;

    private Builder(RedisURI uri) {
      this.uri = uri;
    }

    /**
     * The prefix of every key this log uses; default {@value #DEFAULT_KEY_PREFIX}. Logs that share
     * topics must use the same prefix; give applications that share a Redis different ones.
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /**
     * Bounds each topic's window: at least the last {@code maxEvents} events are kept (Redis trims
     * in blocks, so a few more may stay), and an id older than {@code maxAge} is unknown unless it
     * is the newest. Default 1000 events, 5 minutes. Nodes sharing topics should use the same
     * window: each trims the stream by its own when it publishes.
     *
     * @throws IllegalArgumentException if a bound is not positive
     */
    public Builder window(int maxEvents, Duration maxAge) {
      if (maxEvents <= 0) {
        throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
      }
      Objects.requireNonNull(maxAge, "maxAge");
      if (maxAge.isNegative() || maxAge.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
      }
      this.maxEvents = maxEvents;
      this.maxAge = maxAge;
      return this;
    }

    /**
     * How long {@link RedisEventLog#append} waits for Redis's answer before it throws {@link
     * EventLogUnavailableException} (with {@code mayHaveBeenAppended() == true}); default 2
     * seconds. It also bounds each step of a replay, which is then retried.
     *
     * @throws IllegalArgumentException if it is not positive
     */
    public Builder publishTimeout(Duration publishTimeout) {
      Objects.requireNonNull(publishTimeout, "publishTimeout");
      if (publishTimeout.isNegative() || publishTimeout.isZero()) {
        throw new IllegalArgumentException("publishTimeout must be positive: " + publishTimeout);
      }
      this.publishTimeout = publishTimeout;
      return this;
    }

    /**
     * Reports this log's connection to Redis, its failed appends and how far its delivery runs
     * behind Redis to {@code observer}, for metrics (for example {@code
     * dev.ssekit.micrometer.SseMetrics}); default none, and then nothing is measured for it.
     */
    public Builder observer(EventLogObserver observer) {
      this.observer = Objects.requireNonNull(observer, "observer");
      return this;
    }

    /** How long one XREAD blocks; default 1 s. For tests. */
    Builder blockTime(Duration blockTime) {
      this.blockTime = blockTime;
      return this;
    }

    /**
     * Builds the log and starts its reader thread. It connects now if Redis answers; otherwise it
     * logs a warning, builds anyway and keeps connecting in the background (publishing throws
     * {@link EventLogUnavailableException} until then).
     */
    public RedisEventLog build() {
      return new RedisEventLog(
          new RedisStreams(
              new RedisStreams.Settings(
                  uri, keyPrefix, maxEvents, maxAge, publishTimeout, blockTime),
              EventLogUnavailableException::new,
              observer),
          observer);
    }
  }
}
