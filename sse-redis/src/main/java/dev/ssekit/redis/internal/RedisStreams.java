package dev.ssekit.redis.internal;

import static java.nio.charset.StandardCharsets.US_ASCII;

import dev.ssekit.hub.EventLogObserver;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine of {@code RedisEventLog}: one Redis Stream per topic, appended to by a Lua script on
 * the command connection, and followed by one reader thread with its own connection that runs
 * {@code XREAD BLOCK} over every followed topic.
 *
 * <p>Keys: {@code <prefix>topic:<topic>} (the stream; each entry has fields {@code e}, its epoch,
 * {@code n}, its number within the epoch, and {@code b}, the body), {@code <prefix>epoch:<topic>}
 * (the stream's epoch) and {@code <prefix>seq:<topic>} (the last number given). A stream holds
 * entries of one epoch only: the append script gives a stream it creates a new epoch. A reader that
 * sees a number skipped (it fell a window behind) or going back (a failover to a replica that
 * lacked the newest entries) tells its follower of the loss.
 */
public final class RedisStreams implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger("dev.ssekit.redis.RedisEventLog");
  private static final RedisCodec<String, byte[]> CODEC =
      RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
  private static final byte[] EPOCH_FIELD = "e".getBytes(US_ASCII);
  private static final int READ_COUNT = 512;
  private static final int KEYS_PER_CALL = 512;
  private static final long MIN_BACKOFF_MS = 100;
  private static final long MAX_BACKOFF_MS = 2000;
  static final String START = "0-0";
  private static final byte[][] NO_ARGS = {};

  /** The name of the connection that publishes ({@code CLIENT LIST}). */
  public static final String COMMAND_CLIENT_NAME = "ssekit-command";

  /** The name of the connection that replays ({@code CLIENT LIST}). */
  public static final String REPLAY_CLIENT_NAME = "ssekit-replay";

  /** The name of the connection that follows the topics ({@code CLIENT LIST}). */
  public static final String READER_CLIENT_NAME = "ssekit-reader";

  /** What the engine hands a topic's events to (the log wraps the hub's follower in one). */
  public interface TopicFollower {
    /** Delivery starts after {@code latestId} ({@code null}: the topic had no event). */
    void started(String latestId);

    /** The next entry of the topic. */
    void event(String id, byte[] body);

    /** Entries the topic had were lost; {@code latestId} is the last one handed over, if any. */
    void lost(String latestId);
  }

  /** Makes the exception that append throws when Redis cannot take an event. */
  public interface UnavailableFactory {
    /** The exception to throw; {@code mayHaveBeenAppended} as the hub's exception defines it. */
    RuntimeException create(String message, boolean mayHaveBeenAppended, Throwable cause);
  }

  /** The answer to a replay, before the log turns it into the hub's. */
  public static final class ReplayAnswer {
    /** Unknown id, known id, or known id newer than the follower's. */
    public enum Kind {
      UNKNOWN,
      KNOWN,
      AHEAD
    }

    static final ReplayAnswer UNKNOWN = new ReplayAnswer(Kind.UNKNOWN, List.of(), List.of());
    static final ReplayAnswer AHEAD = new ReplayAnswer(Kind.AHEAD, List.of(), List.of());

    /** What the answer is. */
    public final Kind kind;

    /** The ids of the entries to resend, oldest first (KNOWN only). */
    public final List<String> ids;

    /** Their bodies, in the same order. */
    public final List<byte[]> bodies;

    ReplayAnswer(Kind kind, List<String> ids, List<byte[]> bodies) {
      this.kind = kind;
      this.ids = ids;
      this.bodies = bodies;
    }
  }

  /** The settings; checked by the public builder. */
  public record Settings(
      RedisURI uri,
      String keyPrefix,
      int maxEvents,
      Duration maxAge,
      Duration publishTimeout,
      Duration blockTime) {}

  private final Settings settings;
  private final String where;
  private final UnavailableFactory unavailable;
  private final ClientResources resources;
  private final RedisClient commandClient;
  private final RedisClient readerClient;
  private final ScheduledThreadPoolExecutor scheduler;
  private final Thread reader;
  private final Object monitor = new Object();
  private final Replays replays;
  private final EventLogObserver observer; // null: nobody observes

  private volatile StatefulRedisConnection<String, byte[]> command;
  private volatile boolean closed;

  // follow/unfollow → reader
  private final ConcurrentHashMap<String, Follow> followers = new ConcurrentHashMap<>();
  private final AtomicLong followGeneration = new AtomicLong();
  private volatile long syncedGeneration;
  private volatile boolean inRead;
  private volatile long readerClientId = -1;

  // the reader thread's own state
  private StatefulRedisConnection<String, byte[]> readerConnection;
  private final Map<String, Topic> active = new HashMap<>(); // by stream key
  private final ConcurrentHashMap<String, Topic> following = new ConcurrentHashMap<>(); // by name
  private long lastCheckNanos;
  private boolean outage;
  private long backoffMs; // 0: the first retry after a failure is immediate

  /** Connects (or, when Redis is down, starts connecting in the background) and starts reading. */
  public RedisStreams(
      Settings settings, UnavailableFactory unavailable, EventLogObserver observer) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.unavailable = Objects.requireNonNull(unavailable, "unavailable");
    this.observer = observer;
    this.where = settings.uri().toString(); // the password masked
    this.resources =
        DefaultClientResources.builder()
            .ioThreadPoolSize(2)
            .computationThreadPoolSize(2) // Lettuce's minimum
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(MIN_BACKOFF_MS),
                    Duration.ofMillis(MAX_BACKOFF_MS),
                    2,
                    TimeUnit.MILLISECONDS))
            .build();
    SocketOptions socket =
        SocketOptions.builder()
            .connectTimeout(min(settings.publishTimeout(), Duration.ofSeconds(2)))
            .keepAlive(true)
            .build();
    // Publishing and replay: reconnects by itself, and rejects commands at once while disconnected
    // (never buffers them), each command bounded by publishTimeout.
    RedisURI commandUri = derive(settings.uri(), settings.publishTimeout(), COMMAND_CLIENT_NAME);
    this.commandClient = RedisClient.create(resources, commandUri);
    commandClient.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(socket)
            .timeoutOptions(TimeoutOptions.enabled(settings.publishTimeout()))
            .build());
    // Reading: the reader thread opens a new connection after any failure, so that it knows when
    // to check the epochs; its blocking read is bounded by the block time plus a margin.
    Duration readTimeout = settings.blockTime().plus(settings.publishTimeout()).plusSeconds(1);
    RedisURI readerUri = derive(settings.uri(), readTimeout, READER_CLIENT_NAME);
    this.readerClient = RedisClient.create(resources, readerUri);
    readerClient.setOptions(
        ClientOptions.builder()
            .autoReconnect(false)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(socket)
            .timeoutOptions(TimeoutOptions.enabled(readTimeout))
            .build());
    this.scheduler =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "ssekit-redis-retry");
              t.setDaemon(true);
              return t;
            });
    scheduler.setRemoveOnCancelPolicy(true);
    this.replays =
        new Replays(commandClient, commandUri, CODEC, settings.maxAge(), unavailable, scheduler);

    if (!connectCommand()) {
      outage = true;
      LOG.log(
          Level.WARNING,
          "Redis at {0} unreachable at start; publishing fails with EventLogUnavailableException"
              + " until it answers; this node keeps trying to connect",
          where);
      reachable(false);
    } else {
      reachable(true);
    }
    this.reader = new Thread(this::readLoop, "ssekit-redis-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * The user's URI with a connection's own timeout and client name. Lettuce's {@code
   * RedisURI.builder(RedisURI)} copies neither the Sentinels nor the master id, so they are carried
   * over here; without them a {@code redis-sentinel://} URI would not build.
   */
  static RedisURI derive(RedisURI uri, Duration timeout, String clientName) {
    RedisURI.Builder b = RedisURI.builder(uri).withTimeout(timeout).withClientName(clientName);
    if (uri.getSentinelMasterId() != null) {
      uri.getSentinels().forEach(b::withSentinel);
      b.withSentinelMasterId(uri.getSentinelMasterId());
    }
    return b.build();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  String streamKey(String topic) {
    return settings.keyPrefix() + "topic:" + topic;
  }

  String epochKey(String topic) {
    return settings.keyPrefix() + "epoch:" + topic;
  }

  String seqKey(String topic) {
    return settings.keyPrefix() + "seq:" + topic;
  }

  /** The keys of the APPEND and START scripts for one topic. */
  private String[] keys(String topic) {
    return new String[] {streamKey(topic), epochKey(topic), seqKey(topic)};
  }

  /** Opens the command connection if there is none; false when Redis does not answer. */
  private boolean connectCommand() {
    if (command != null) {
      return true;
    }
    synchronized (this) {
      if (command != null) {
        return true;
      }
      try {
        StatefulRedisConnection<String, byte[]> c = commandClient.connect(CODEC);
        if (closed) {
          c.closeAsync();
          return false;
        }
        command = c;
        return true;
      } catch (RedisException e) {
        return false;
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // append

  /**
   * Appends {@code body} to {@code topic}'s stream in one round trip and returns the event's id.
   *
   * @throws RuntimeException from the {@link UnavailableFactory} when Redis cannot take it now
   */
  public String append(String topic, byte[] body) {
    StatefulRedisConnection<String, byte[]> c = command;
    if (closed) {
      throw unavailable.create("the Redis event log is closed", false, null);
    }
    if (c == null) {
      throw unavailable.create(
          "Redis at " + where + " is unreachable: no connection yet", false, null);
    }
    long deadline = System.nanoTime() + settings.publishTimeout().toNanos();
    Follow f = followers.get(topic);
    if (f != null && !f.isResolved()) {
      startBefore(f, c, deadline);
    }
    String[] keys = keys(topic);
    byte[][] args = {
      Ids.newEpoch().getBytes(US_ASCII),
      body,
      Integer.toString(settings.maxEvents()).getBytes(US_ASCII),
      Long.toString(settings.maxAge().toMillis()).getBytes(US_ASCII)
    };
    List<Object> reply = run(c, Scripts.APPEND, keys, args, deadline, true);
    return Ids.format(ascii(reply.get(0)), ascii(reply.get(1)));
  }

  /** EVALSHA, then EVAL if Redis lacks the script; waits until {@code deadline}. */
  private List<Object> run(
      StatefulRedisConnection<String, byte[]> c,
      Scripts script,
      String[] keys,
      byte[][] args,
      long deadline,
      boolean evalSha) {
    RedisAsyncCommands<String, byte[]> async = c.async();
    CompletableFuture<List<Object>> future =
        (evalSha
                ? async.<List<Object>>evalsha(script.sha, ScriptOutputType.MULTI, keys, args)
                : async.<List<Object>>eval(script.bytes, ScriptOutputType.MULTI, keys, args))
            .toCompletableFuture();
    // Rejected at once (disconnected, REJECT_COMMANDS): it never reached Redis.
    boolean sent = !future.isCompletedExceptionally();
    try {
      long wait = deadline - System.nanoTime();
      return future.get(Math.max(wait, 0), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(false);
      throw unavailable.create(
          "Redis at " + where + " did not answer within " + settings.publishTimeout(), true, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable.create("interrupted while appending to Redis", sent, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RedisNoScriptException && evalSha) {
        return run(c, script, keys, args, deadline, false);
      }
      if (cause instanceof RedisCommandTimeoutException) {
        throw unavailable.create(
            "Redis at " + where + " did not answer within " + settings.publishTimeout(),
            true,
            cause);
      }
      if (cause instanceof RedisCommandExecutionException) {
        // Redis ran the command and refused it (out of memory, read-only replica, ...): not
        // appended, and it won't be until an operator acts.
        throw unavailable.create(
            "Redis at " + where + " refused the event: " + cause.getMessage(), false, cause);
      }
      throw unavailable.create(
          "Redis at " + where + " is unreachable: " + cause.getMessage(), sent, cause);
    }
  }

  static String ascii(Object value) {
    return new String((byte[]) value, US_ASCII);
  }

  // ---------------------------------------------------------------------------------------------
  // follow

  /**
   * Starts handing {@code topic}'s entries to {@code follower}, replacing any earlier one. When the
   * command connection is up, asks Redis where the topic stands on it (one round trip, bounded by
   * the publish timeout) and calls {@link TopicFollower#started} from the caller's thread before it
   * returns: an event appended afterwards on this node (or, once this returns, on any node) is
   * after the start. Otherwise the start is pending: the reader asks when Redis answers, unless an
   * {@link #append} to the topic on this node asks first.
   */
  public void follow(String topic, TopicFollower follower) {
    Objects.requireNonNull(follower, "follower");
    StatefulRedisConnection<String, byte[]> c = command;
    boolean now = c != null && c.isOpen() && !closed;
    Follow f = new Follow(topic, follower, now);
    followers.put(topic, f);
    if (now) {
      try {
        resolveOnCommand(f, c, System.nanoTime() + settings.publishTimeout().toNanos());
      } catch (RuntimeException e) {
        LOG.log(
            Level.DEBUG,
            "could not ask Redis at {0} where topic \"{1}\" stands ({2}); following starts when"
                + " it answers",
            where,
            topic,
            e.getMessage());
      }
    }
    followsChanged();
  }

  /** Stops handing {@code topic}'s entries to {@code follower}, if it is the current one. */
  public void unfollow(String topic, TopicFollower follower) {
    Follow f = followers.get(topic);
    if (f != null && f.follower.equals(follower) && followers.remove(topic, f)) {
      followGeneration.incrementAndGet();
    }
  }

  /** Has the reader take on what changed: now if it is idle or blocked in a read. */
  private void followsChanged() {
    long generation = followGeneration.incrementAndGet();
    synchronized (monitor) {
      monitor.notifyAll();
    }
    wakeReader(generation, 0);
  }

  /**
   * Before an event is appended to a followed topic whose start is pending (Redis was unreachable
   * when following began), finds that start, or waits while another thread finds it: a subscriber
   * that subscribed on this node before the event was published then gets it.
   *
   * @throws RuntimeException from the {@link UnavailableFactory}, with {@code mayHaveBeenAppended}
   *     false: the event was not sent
   */
  private void startBefore(Follow f, StatefulRedisConnection<String, byte[]> c, long deadline) {
    boolean claimed;
    try {
      claimed = f.awaitOrClaim(deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable.create("interrupted while appending to Redis", false, e);
    } catch (TimeoutException e) {
      throw unavailable.create(
          "Redis at "
              + where
              + " did not tell within "
              + settings.publishTimeout()
              + " where topic \""
              + f.topic
              + "\" stands; the event was not sent",
          false,
          e);
    }
    if (!claimed) {
      return; // another thread found it
    }
    try {
      resolveOnCommand(f, c, deadline);
    } catch (RuntimeException e) {
      throw unavailable.create(
          "Redis at "
              + where
              + " could not tell where topic \""
              + f.topic
              + "\" stands; the event was not sent: "
              + e.getMessage(),
          false,
          e);
    } finally {
      followsChanged();
    }
  }

  /**
   * Finds {@code f}'s start with the START script on the command connection, which the caller has
   * claimed, and calls its follower's {@code started}; on failure, gives the claim back.
   */
  private void resolveOnCommand(
      Follow f, StatefulRedisConnection<String, byte[]> c, long deadline) {
    Follow.Start start;
    try {
      start = Follow.Start.of(run(c, Scripts.START, keys(f.topic), NO_ARGS, deadline, true), 0);
    } catch (RuntimeException e) {
      f.release();
      throw e;
    }
    f.resolved(start);
    announce(f);
  }

  /** Calls {@code started} on a resolved follow's follower, if it is current, then marks it so. */
  private void announce(Follow f) {
    if (followers.get(f.topic) == f) {
      String latest = f.start().lastId();
      tell(f, x -> x.started(latest));
    }
    f.markStarted();
  }

  /**
   * Ends the reader's blocking read so that it takes on a new topic now, not at the end of the
   * block time. CLIENT UNBLOCK may arrive before the read: then it tries again shortly.
   */
  private void wakeReader(long generation, int attempt) {
    if (closed || !inRead || syncedGeneration >= generation || attempt > 20) {
      return;
    }
    StatefulRedisConnection<String, byte[]> c = command;
    long id = readerClientId;
    if (c == null || id < 0) {
      return;
    }
    c.async()
        .clientUnblock(id, UnblockType.TIMEOUT)
        .whenComplete(
            (unblocked, error) -> {
              if (error == null && unblocked != null && unblocked == 0) {
                try {
                  scheduler.schedule(
                      () -> wakeReader(generation, attempt + 1), 5, TimeUnit.MILLISECONDS);
                } catch (RejectedExecutionException closing) {
                  // closed
                }
              }
            });
  }

  /** One followed topic, as the reader thread sees it. */
  private static final class Topic {
    final String name;
    final String streamKey;
    final String epochKey;
    final Follow follow;
    String epoch; // the epoch of the entries being read; null: not known yet
    String deadEpoch; // the epoch lost last: its remaining entries are skipped
    String position; // the stream id read up to
    volatile String lastId; // the latest id handed over (or started with); read by replays
    long seq; // the number (field n) of the entry at position; -1: take the next one as it comes

    Topic(String streamKey, String epochKey, Follow follow) {
      this.name = follow.topic;
      this.streamKey = streamKey;
      this.epochKey = epochKey;
      this.follow = follow;
      Follow.Start start = follow.start();
      this.epoch = start.epoch();
      this.position = start.position();
      this.seq = start.seq();
      this.lastId = start.lastId();
    }
  }

  private void readLoop() {
    while (!closed) {
      try {
        if (!connectCommand()) {
          throw new RedisException("no command connection");
        }
        boolean reconnected = ensureReaderConnection();
        if (reconnected) {
          checkEpochs(); // anything lost while we were away?
        }
        if (outage) {
          outage = false;
          LOG.log(Level.INFO, "Redis at {0} is reachable again; following resumes", where);
          reachable(true);
        }
        backoffMs = 0;
        syncFollows();
        if (active.isEmpty()) {
          idle();
          continue;
        }
        if (System.nanoTime() - lastCheckNanos >= settings.blockTime().toNanos()) {
          checkEpochs();
        }
        read();
      } catch (RuntimeException e) {
        if (closed) {
          break;
        }
        closeReaderConnection();
        if (!outage) {
          outage = true;
          LOG.log(
              Level.WARNING,
              "Lost the connection to Redis at {0} ({1}); reconnecting. While Redis is unreachable,"
                  + " publishing fails with EventLogUnavailableException; open streams stay open",
              where,
              e.getMessage());
          reachable(false);
        } else {
          LOG.log(Level.DEBUG, "Redis at {0} still unreachable: {1}", where, e.getMessage());
        }
        if (backoffMs > 0) {
          pause(backoffMs);
        }
        backoffMs = Math.min(Math.max(backoffMs * 2, MIN_BACKOFF_MS), MAX_BACKOFF_MS);
      }
    }
    closeReaderConnection();
  }

  /** Tells the observer, if any, that Redis became reachable or unreachable. */
  private void reachable(boolean connected) {
    if (observer == null) {
      return;
    }
    try {
      if (connected) {
        observer.connected();
      } else {
        observer.disconnected();
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the log's observer threw", e);
    }
  }

  private void idle() {
    synchronized (monitor) {
      if (!closed && syncedGeneration == followGeneration.get()) {
        try {
          monitor.wait(settings.blockTime().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  private void pause(long millis) {
    synchronized (monitor) {
      if (!closed) {
        try {
          monitor.wait(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          closed = true;
        }
      }
    }
  }

  /** True when it opened a new connection. */
  private boolean ensureReaderConnection() {
    if (readerConnection != null && readerConnection.isOpen()) {
      return false;
    }
    closeReaderConnection();
    StatefulRedisConnection<String, byte[]> c = readerClient.connect(CODEC);
    readerConnection = c;
    readerClientId = c.sync().clientId();
    return true;
  }

  private void closeReaderConnection() {
    readerClientId = -1;
    if (readerConnection != null) {
      if (readerConnection.isOpen()) {
        readerConnection.closeAsync();
      }
      readerConnection = null;
    }
  }

  /**
   * Takes on new followers and drops gone ones. A follow whose start is known is taken on as it
   * stands; one still pending has its start found here, on the reader connection; one that another
   * thread is asking about is left for the next round (that thread then changes the generation).
   */
  private void syncFollows() {
    long generation = followGeneration.get();
    if (generation == syncedGeneration) {
      return;
    }
    for (Iterator<Topic> it = active.values().iterator(); it.hasNext(); ) {
      Topic t = it.next();
      if (!current(t)) {
        it.remove();
        following.remove(t.name, t);
      }
    }
    List<Follow> claimed = new ArrayList<>();
    for (Follow f : followers.values()) {
      if (active.containsKey(streamKey(f.topic))) {
        continue;
      }
      if (f.isStarted()) {
        activate(f);
      } else if (f.claim()) {
        claimed.add(f);
      }
    }
    try {
      RedisCommands<String, byte[]> sync = readerConnection.sync();
      for (int from = 0; from < claimed.size(); from += KEYS_PER_CALL / 3) {
        List<Follow> chunk =
            claimed.subList(from, Math.min(claimed.size(), from + KEYS_PER_CALL / 3));
        String[] keys = new String[chunk.size() * 3];
        for (int i = 0; i < chunk.size(); i++) {
          System.arraycopy(keys(chunk.get(i).topic), 0, keys, 3 * i, 3);
        }
        List<Object> reply = evalReader(sync, Scripts.START, keys);
        for (int i = 0; i < chunk.size(); i++) {
          // appends to these topics may go on
          chunk.get(i).resolved(Follow.Start.of(reply, 3 * i));
        }
        for (Follow f : chunk) {
          announce(f);
          activate(f);
        }
      }
    } finally {
      for (Follow f : claimed) {
        f.release(); // those Redis did not answer for: pending again
      }
    }
    syncedGeneration = generation;
  }

  /** Starts reading a started follow's topic, if it is still current. */
  private void activate(Follow f) {
    if (followers.get(f.topic) != f) {
      return;
    }
    Topic t = new Topic(streamKey(f.topic), epochKey(f.topic), f);
    active.put(t.streamKey, t);
    following.put(t.name, t);
  }

  private List<Object> evalReader(
      RedisCommands<String, byte[]> sync, Scripts script, String[] keys) {
    try {
      return sync.evalsha(script.sha, ScriptOutputType.MULTI, keys);
    } catch (RedisNoScriptException e) {
      return sync.eval(script.bytes, ScriptOutputType.MULTI, keys);
    }
  }

  /** Calls the topic's follower; one that throws is logged, and the reader goes on. */
  private static void tell(Topic t, java.util.function.Consumer<TopicFollower> call) {
    tell(t.follow, call);
  }

  /** Calls the follower; one that throws is logged, and its caller goes on. */
  private static void tell(Follow f, java.util.function.Consumer<TopicFollower> call) {
    try {
      call.accept(f.follower);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the follower of topic \"" + f.topic + "\" threw", e);
    }
  }

  private boolean current(Topic t) {
    return followers.get(t.name) == t.follow;
  }

  /** One MGET over the followed topics' epoch keys: a changed or vanished epoch is a loss. */
  private void checkEpochs() {
    lastCheckNanos = System.nanoTime();
    if (active.isEmpty()) {
      return;
    }
    List<Topic> topics = new ArrayList<>(active.values());
    RedisCommands<String, byte[]> sync = readerConnection.sync();
    for (int from = 0; from < topics.size(); from += KEYS_PER_CALL) {
      List<Topic> chunk = topics.subList(from, Math.min(topics.size(), from + KEYS_PER_CALL));
      String[] keys = new String[chunk.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = chunk.get(i).epochKey;
      }
      List<KeyValue<String, byte[]>> values = sync.mget(keys);
      for (int i = 0; i < keys.length; i++) {
        Topic t = chunk.get(i);
        KeyValue<String, byte[]> kv = values.get(i);
        String now = kv.hasValue() ? ascii(kv.getValue()) : null;
        if (Objects.equals(now, t.epoch)) {
          continue;
        }
        if (t.epoch == null && START.equals(t.position)) {
          continue; // a stream created since: its entries are read from the start
        }
        lose(t, now);
      }
    }
  }

  /** The topic's stream was replaced: tell the follower, and read the new one from its start. */
  private void lose(Topic t, String newEpoch) {
    LOG.log(
        Level.WARNING,
        "Redis lost events of topic \"{0}\" (epoch {1} is now {2}); its subscribers are told to"
            + " reload",
        t.name,
        t.epoch,
        newEpoch);
    if (t.epoch != null) {
      t.deadEpoch = t.epoch;
    }
    t.epoch = newEpoch;
    t.position = START;
    t.seq = -1; // the loss is told: the new stream is read from whatever entry it starts with
    if (current(t)) {
      String latest = t.lastId;
      tell(t, f -> f.lost(latest));
    }
  }

  private void read() {
    List<Topic> topics = new ArrayList<>(active.values());
    @SuppressWarnings("unchecked")
    XReadArgs.StreamOffset<String>[] offsets = new XReadArgs.StreamOffset[topics.size()];
    for (int i = 0; i < offsets.length; i++) {
      offsets[i] = XReadArgs.StreamOffset.from(topics.get(i).streamKey, topics.get(i).position);
    }
    XReadArgs args = XReadArgs.Builder.count(READ_COUNT).block(settings.blockTime().toMillis());
    List<StreamMessage<String, byte[]>> messages;
    inRead = true;
    try {
      if (followGeneration.get() != syncedGeneration) {
        return; // a new follower: take it on first
      }
      messages = readerConnection.sync().xread(args, offsets);
    } finally {
      inRead = false;
    }
    if (messages == null || messages.isEmpty()) {
      lastCheckNanos = 0; // a timeout (or a wake-up): check the epochs before the next read
      return;
    }
    Topic skipping = null; // a topic whose loss this batch revealed: the rest is read again
    for (StreamMessage<String, byte[]> m : messages) {
      Topic t = active.get(m.getStream());
      if (t == null || t == skipping) {
        continue;
      }
      Map<String, byte[]> fields = m.getBody();
      byte[] e = fields.get("e");
      byte[] n = fields.get("n");
      byte[] body = fields.get("b");
      if (e == null || n == null || body == null) {
        t.position = m.getId(); // not ours
        continue;
      }
      String epoch = new String(e, US_ASCII);
      if (!epoch.equals(t.epoch)) {
        if (t.epoch == null && START.equals(t.position)) {
          t.epoch = epoch; // the first entries of a stream created since following began
        } else if (epoch.equals(t.deadEpoch)) {
          t.position = m.getId(); // what is left of a lost stream
          continue;
        } else {
          lose(t, epoch);
          skipping = t;
          continue;
        }
      }
      long seq = Long.parseLong(ascii(n));
      if (t.seq >= 0 && seq != t.seq + 1) {
        if (seq > t.seq) {
          // Entries were trimmed before this reader got to them (it fell more than the window
          // behind, for example while disconnected): its subscribers missed them.
          LOG.log(
              Level.WARNING,
              "this node fell behind topic \"{0}\" and missed {1} events that Redis trimmed; its"
                  + " subscribers are told to reload",
              t.name,
              seq - t.seq - 1);
        } else {
          // The numbering went back: Redis lost its newest entries (a failover to a replica that
          // had not received them, or a restart from an older copy of the data).
          LOG.log(
              Level.WARNING,
              "Redis lost the newest events of topic \"{0}\" (a failover or a restart from an"
                  + " older copy); its subscribers are told to reload",
              t.name);
        }
        if (current(t)) {
          String latest = t.lastId;
          tell(t, f -> f.lost(latest));
        }
      }
      t.seq = seq;
      t.position = m.getId();
      String id = Ids.format(epoch, t.position);
      t.lastId = id;
      if (current(t)) {
        tell(t, f -> f.event(id, body));
        if (observer != null) {
          // Read for each entry once it is delivered: a follower that takes its time holds up the
          // entries behind it in the batch, and that is part of their delay.
          long now = System.currentTimeMillis();
          try {
            observer.deliveredAfter(t.name, Math.max(0, now - Ids.millis(t.position)));
          } catch (RuntimeException thrown) {
            LOG.log(Level.DEBUG, "the log's observer threw", thrown);
          }
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // replay

  /**
   * The entries of {@code topic} after {@code lastEventId} up to {@code upTo}, on the replay
   * connection; retried while Redis is unreachable until it answers or the future is cancelled.
   */
  public CompletableFuture<ReplayAnswer> replay(String topic, String lastEventId, String upTo) {
    if (!Ids.isWellFormed(lastEventId)) {
      return CompletableFuture.completedFuture(ReplayAnswer.UNKNOWN);
    }
    String epoch = Ids.epoch(lastEventId);
    String upToStreamId =
        upTo != null && Ids.isWellFormed(upTo) && Ids.epoch(upTo).equals(epoch)
            ? Ids.streamId(upTo)
            : "";
    if (upToStreamId.isEmpty() && handedOver(topic, lastEventId)) {
      // The hub's follower had no id in this epoch when the client joined (it had none yet, or a
      // loss had just been told), yet this node has handed the client's event over already: the
      // live events can't be trusted to bring it again, and a loss was just told anyway.
      return CompletableFuture.completedFuture(ReplayAnswer.UNKNOWN);
    }
    return replays.replay(
        new String[] {streamKey(topic), epochKey(topic)},
        epoch,
        Ids.streamId(lastEventId),
        upToStreamId);
  }

  /** True when this node's follower of {@code topic} has handed over {@code id} or a later one. */
  private boolean handedOver(String topic, String id) {
    Topic t = following.get(topic);
    String last = t == null ? null : t.lastId;
    return last != null
        && Ids.epoch(last).equals(Ids.epoch(id))
        && Ids.compareStreamIds(Ids.streamId(last), Ids.streamId(id)) >= 0;
  }

  // ---------------------------------------------------------------------------------------------

  /** Stops the reader, closes the connections and releases the client's threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    synchronized (monitor) {
      monitor.notifyAll();
    }
    StatefulRedisConnection<String, byte[]> c = command;
    long id = readerClientId;
    if (c != null && id >= 0) {
      c.async().clientUnblock(id, UnblockType.TIMEOUT);
    }
    try {
      reader.join(settings.blockTime().plusSeconds(1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reader.isAlive()) {
      reader.interrupt();
    }
    scheduler.shutdownNow();
    replays.close();
    if (!outage) { // the reader has ended (or been interrupted): nobody else reports now
      reachable(false);
    }
    Duration quiet = Duration.ZERO;
    Duration timeout = Duration.ofSeconds(2);
    commandClient.shutdown(quiet, timeout);
    readerClient.shutdown(quiet, timeout);
    resources.shutdown(0, timeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
