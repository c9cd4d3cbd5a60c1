package dev.ssekit.samples;

import dev.ssekit.hub.EventLog;
import dev.ssekit.hub.EventLogObserver;
import dev.ssekit.redis.RedisEventLog;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What a node started with {@code serve --redis URI} keeps on Redis: the chat's and the pings'
 * event logs ({@link RedisEventLog}, one key prefix each), the lease that lets one node per second
 * publish the ping, and the chat's presence (which streams of which user are live on any node).
 *
 * <p>Keys, all under {@value #KEY_PREFIX}: {@code chat:…} and {@code ping:…} for the event logs,
 * {@code ping:tick:<second>} and {@code ping:message} for the leases, {@code presence:joined} (the
 * users announced as present) and {@code presence:streams:<username>} (a sorted set of the user's
 * streams, each scored with the Redis time until which it counts as present).
 *
 * <p>The node starts while Redis is down: it logs so, and connects when Redis answers. Leases and
 * presence use their own connection, never the event logs'; every command times out after a second
 * and fails at once while the connection is down.
 */
final class RedisNode implements AutoCloseable {
  static final String KEY_PREFIX = "ssekit:samples:";

  /** How long a live stream counts as present without being refreshed: a node that dies. */
  static final Duration LIVE_LEASE = Duration.ofSeconds(5);

  /** How often the roster refreshes this node's live streams. */
  static final Duration REFRESH = Duration.ofSeconds(1);

  /** How often the roster looks for users whose last stream is gone. */
  static final Duration SWEEP = Duration.ofMillis(250);

  private static final System.Logger LOG = System.getLogger(RedisNode.class.getName());

  /**
   * Lettuce warns at every failed reconnection attempt ("Cannot reconnect to …"); the event logs
   * and this node say once per outage that Redis is unreachable, and again when it is back. Held
   * here because JUL keeps loggers weakly.
   */
  private static final java.util.logging.Logger RECONNECTS =
      java.util.logging.Logger.getLogger("io.lettuce.core.protocol.ConnectionWatchdog");

  static {
    RECONNECTS.setLevel(java.util.logging.Level.SEVERE);
  }

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration RECONNECT_PAUSE = Duration.ofSeconds(1);

  /** Claims this second (of Redis's clock) for the caller: 1 for the first caller, else 0. */
  private static final String CLAIM_SECOND =
      "local t = redis.call('TIME')\n"
          + "if redis.call('SET', KEYS[1] .. t[1], ARGV[1], 'NX', 'PX', 10000) then return 1 end\n"
          + "return 0\n";

  /**
   * A stream is live for {@code ARGV[3]} ms more; returns 1 if its user was not present (to be
   * announced as joined). KEYS: joined set, the user's streams.
   */
  private static final String REGISTER =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)\n"
          + "redis.call('ZADD', KEYS[2], now + tonumber(ARGV[3]), ARGV[2])\n"
          + "redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]) + 60000)\n"
          + "return redis.call('SADD', KEYS[1], ARGV[1])\n";

  /** A stream ended: it counts as present for the grace period ({@code ARGV[2]} ms) only. */
  private static final String DEPART =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "redis.call('ZADD', KEYS[1], 'XX', now + tonumber(ARGV[2]), ARGV[1])\n"
          + "return 0\n";

  /**
   * Drops expired streams and returns the users left with none, removing them from the joined set:
   * exactly one node gets each departure to announce. KEYS: joined set; ARGV: streams key prefix.
   */
  private static final String SWEEP_SCRIPT =
      "local t = redis.call('TIME')\n"
          + "local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)\n"
          + "local left = {}\n"
          + "for _, user in ipairs(redis.call('SMEMBERS', KEYS[1])) do\n"
          + "  local k = ARGV[1] .. user\n"
          + "  redis.call('ZREMRANGEBYSCORE', k, '-inf', now)\n"
          + "  if redis.call('ZCARD', k) == 0 then\n"
          + "    redis.call('SREM', KEYS[1], user)\n"
          + "    table.insert(left, user)\n"
          + "  end\n"
          + "end\n"
          + "return left\n";

  private final String uri;

  /** The URI as shown in logs and on the console: Lettuce's form, with any password masked. */
  private final String shown;

  private final RedisClient client;
  private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
  private final Object connecting = new Object();
  private volatile StatefulRedisConnection<String, String> connection;
  // Guarded by connecting.
  private long nextAttemptNanos;
  private volatile boolean down;

  /** Starts connecting; never fails for an unreachable Redis, only for a malformed URI. */
  RedisNode(String uri) {
    this.uri = uri;
    RedisURI parsed = RedisURI.create(uri);
    this.shown = parsed.toString();
    client = RedisClient.create(parsed);
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
            .socketOptions(SocketOptions.builder().connectTimeout(COMMAND_TIMEOUT).build())
            .build());
    if (isReachable()) {
      LOG.log(Level.INFO, "cluster node {0}: chat and pings shared on {1}", nodeId, shown);
    }
  }

  /** Null if {@code uri} is a Redis URI Lettuce accepts, else what is wrong with it. */
  static String checkUri(String uri) {
    try {
      RedisURI.create(uri);
      return null;
    } catch (RuntimeException e) {
      return e.getMessage() == null ? e.toString() : e.getMessage();
    }
  }

  /** The Redis URI, with any password masked. */
  String shown() {
    return shown;
  }

  /** Whether Redis answers a PING now. */
  boolean isReachable() {
    try {
      return "PONG".equals(run(RedisCommands::ping));
    } catch (RedisException e) {
      return false;
    }
  }

  /** The event log of one of the node's hubs ({@code "chat"} or {@code "ping"}). */
  EventLog eventLog(String hub, int maxEvents, Duration maxAge, EventLogObserver observer) {
    return RedisEventLog.builder(uri)
        .keyPrefix(KEY_PREFIX + hub + ":")
        .window(maxEvents, maxAge)
        .observer(observer)
        .build();
  }

  /** One ping per second across the nodes (see {@link PingTicker}). */
  PingTicker.Lease pingLease() {
    return new PingTicker.Lease() {
      @Override
      public boolean claimSecond() {
        try {
          Long won =
              run(
                  c ->
                      c.eval(
                          CLAIM_SECOND,
                          ScriptOutputType.INTEGER,
                          new String[] {KEY_PREFIX + "ping:tick:"},
                          nodeId));
          return won != null && won == 1;
        } catch (RedisException e) {
          return false;
        }
      }

      @Override
      public boolean claimMessage(Duration hold) {
        try {
          return "OK"
              .equals(
                  run(
                      c ->
                          c.set(
                              KEY_PREFIX + "ping:message",
                              nodeId,
                              SetArgs.Builder.nx().px(hold.toMillis()))));
        } catch (RedisException e) {
          return false;
        }
      }
    };
  }

  /** The chat's presence across the nodes. */
  ChatPresence.Roster roster(Duration grace) {
    return new Roster(grace);
  }

  /** Closes the connection and releases Lettuce's threads. */
  @Override
  public void close() {
    client.shutdown(0, 2, TimeUnit.SECONDS);
  }

  private interface Command<T> {
    T on(RedisCommands<String, String> commands);
  }

  /**
   * Runs one command on the node's connection, connecting first if it has none (at most once a
   * second while Redis is unreachable); logs the first failure of an outage and the recovery.
   *
   * @throws RedisException if Redis is unreachable or the command failed
   */
  private <T> T run(Command<T> command) {
    try {
      T result = command.on(connection().sync());
      if (down) {
        down = false;
        LOG.log(Level.INFO, "Redis at {0} is reachable again", shown);
      }
      return result;
    } catch (RedisException e) {
      if (!down) {
        down = true;
        LOG.log(
            Level.WARNING,
            "Redis at {0} is not reachable ({1}); this node keeps serving, posting answers 503"
                + " and presence is not announced until it is",
            shown,
            e.getMessage());
      }
      throw e;
    }
  }

  private StatefulRedisConnection<String, String> connection() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      return c; // Lettuce reconnects it by itself after an outage
    }
    synchronized (connecting) {
      if (connection == null) {
        long now = System.nanoTime();
        if (now - nextAttemptNanos < 0) {
          throw new RedisException("not connected to " + shown + " yet");
        }
        nextAttemptNanos = now + RECONNECT_PAUSE.toNanos();
        connection = client.connect();
      }
      return connection;
    }
  }

  /**
   * Presence on Redis: each live stream is a member of its user's sorted set, scored with the time
   * until which it counts (now + {@link #LIVE_LEASE}, refreshed every {@link #REFRESH}; now + grace
   * once it ended). A user is announced as joined by the node whose stream finds them absent from
   * the joined set, and as gone by the node whose sweep finds their set empty. Redis runs each step
   * as one script, so each arrival and departure is announced once, whichever node the user's
   * streams are on: a browser that moves to another node within the grace period is announced
   * neither as gone nor as joined again.
   *
   * <p>All Redis work runs on one thread, in the order the streams opened and closed.
   */
  private final class Roster implements ChatPresence.Roster {
    private final long graceMillis;
    private final String joined = KEY_PREFIX + "presence:joined";
    private final String streamsPrefix = KEY_PREFIX + "presence:streams:";
    private final ScheduledExecutorService worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ssekit-samples-presence");
              t.setDaemon(true);
              return t;
            });
    // Only on the worker: this node's live streams, member -> username.
    private final Map<String, String> live = new HashMap<>();
    private Consumer<Object> announce;
    private ScheduledFuture<?> ticks;
    private long lastRefresh;

    Roster(Duration grace) {
      this.graceMillis = grace.toMillis();
    }

    @Override
    public void start(Consumer<Object> announce) {
      this.announce = announce;
      ticks =
          worker.scheduleWithFixedDelay(
              this::tick, SWEEP.toMillis(), SWEEP.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void opened(String username, long visit) {
      submit(
          () -> {
            String member = member(visit);
            live.put(member, username);
            register(username, member);
          });
    }

    @Override
    public void closed(String username, long visit) {
      submit(
          () -> {
            String member = member(visit);
            live.remove(member);
            depart(username, member);
          });
    }

    /** Hands this node's remaining streams over as departures, then stops. */
    @Override
    public void close() {
      if (ticks != null) {
        ticks.cancel(false);
      }
      submit(
          () -> {
            live.forEach((member, username) -> depart(username, member));
            live.clear();
          });
      worker.shutdown();
      try {
        if (!worker.awaitTermination(3, TimeUnit.SECONDS)) {
          worker.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        worker.shutdownNow();
      }
    }

    private void submit(Runnable task) {
      try {
        worker.execute(
            () -> {
              try {
                task.run();
              } catch (RedisException e) {
                // Logged by run(); presence is approximate while Redis is down.
              }
            });
      } catch (RejectedExecutionException stopped) {
        // The node is shutting down: the stream's lease on Redis runs out by itself.
      }
    }

    private String member(long visit) {
      return nodeId + ":" + visit;
    }

    private void register(String username, String member) {
      Long added =
          run(
              c ->
                  c.eval(
                      REGISTER,
                      ScriptOutputType.INTEGER,
                      new String[] {joined, streamsPrefix + username},
                      username,
                      member,
                      Long.toString(LIVE_LEASE.toMillis())));
      if (added != null && added == 1) {
        announce.accept(new UserConnect(username, ChatPresence.now()));
      }
    }

    private void depart(String username, String member) {
      run(
          c ->
              c.eval(
                  DEPART,
                  ScriptOutputType.INTEGER,
                  new String[] {streamsPrefix + username},
                  member,
                  Long.toString(graceMillis)));
    }

    private void tick() {
      try {
        long now = System.nanoTime();
        if (now - lastRefresh >= REFRESH.toNanos()) {
          lastRefresh = now;
          live.forEach(this::refresh);
        }
        List<String> left =
            run(
                c ->
                    c.eval(
                        SWEEP_SCRIPT,
                        ScriptOutputType.MULTI,
                        new String[] {joined},
                        streamsPrefix));
        for (String username : left) {
          announce.accept(new UserDisconnect(username, ChatPresence.now()));
        }
      } catch (RedisException e) {
        // Logged by run(); the next tick tries again.
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "presence tick failed", e);
      }
    }

    private void refresh(String member, String username) {
      register(username, member);
    }
  }
}
