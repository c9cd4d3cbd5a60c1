package dev.ssekit.samples;

import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.EventLog;
import dev.ssekit.hub.EventLogObserver;
import dev.ssekit.jaxrs.SseKitFeature;
import jakarta.ws.rs.ProcessingException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The demo server, bound to the loopback address, serving the page ({@code /}), the ping stream
 * ({@code /events}), the chat ({@code /chat/events}, {@code /chat/messages}) and the node's metrics
 * ({@code /metrics} for Prometheus, {@code /metrics/events} for the page's live panel; {@link
 * NodeMetrics}).
 *
 * <p>By default Jersey on Grizzly serves them through sse-jaxrs. With {@link Config#servlet}
 * ({@code serve --servlet}) Jetty 12 serves the same endpoints through sse-servlet ({@link
 * SamplesServlet}); with {@link Config#tls} ({@code serve --tls}) that Jetty speaks HTTPS, HTTP/2
 * where the client offers it and HTTP/1.1 otherwise.
 *
 * <p>On its own, everything lives in memory. Started with a Redis URI ({@code serve --redis}), it
 * is one node of a cluster: its hubs keep their events on Redis Streams, so every node started with
 * the same Redis serves the same chat and pings, and one node per second publishes the ping ({@link
 * RedisNode}).
 *
 * <p>Started with allowed origins ({@code serve --cors-origin}), pages on those origins may open
 * both streams with credentials: both hubs carry one {@link CorsPolicy}.
 */
public final class SampleServer implements AutoCloseable {
  /** How long a stopping server waits for open responses to finish. */
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /** How long a user's last chat stream may be gone before they are announced as having left. */
  static final Duration PRESENCE_GRACE = Duration.ofSeconds(3);

  /**
   * The reconnection time the chat stream asks browsers for: short, so a dropped chat resumes fast.
   */
  static final Duration CHAT_RETRY = Duration.ofSeconds(1);

  /**
   * The ping stream's replay window: pings are only interesting live, so a short window is enough
   * to bridge a reconnect.
   */
  static final int PING_WINDOW_EVENTS = 100;

  static final Duration PING_WINDOW_AGE = Duration.ofMinutes(1);

  /** The chat's replay window, the hub's default. */
  static final int CHAT_WINDOW_EVENTS = 1000;

  static final Duration CHAT_WINDOW_AGE = Duration.ofMinutes(5);

  private final ScheduledExecutorService timer;
  private final RedisNode redis;
  private final CorsPolicy cors;
  private final EventHub pings;
  private final EventHub chat;
  private final ChatPresence presence;
  private final NodeMetrics metrics;
  private final TlsKeystore keystore;
  private final WebContainer container;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SampleServer(Config config) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ssekit-samples-timer");
              t.setDaemon(true);
              return t;
            });
    redis = config.redisUri == null ? null : new RedisNode(config.redisUri);
    EventHub.Builder pingHub = EventHub.builder().replayWindow(PING_WINDOW_EVENTS, PING_WINDOW_AGE);
    EventHub.Builder chatHub = EventHub.builder().retry(CHAT_RETRY);
    cors =
        config.corsOrigins.isEmpty()
            ? CorsPolicy.none()
            : CorsPolicy.builder().allowOrigins(config.corsOrigins).build();
    metrics = new NodeMetrics(cors, config.heartbeat);
    pingHub.observer(metrics.ping());
    chatHub.observer(metrics.chat());
    EventLog pingLog = config.eventLog("ping", redis, metrics.ping());
    EventLog chatLog = config.eventLog("chat", redis, metrics.chat());
    if (pingLog != null) {
      pingHub.eventLog(pingLog);
    }
    if (chatLog != null) {
      chatHub.eventLog(chatLog);
    }
    if (config.heartbeat != null) {
      pingHub.heartbeatInterval(config.heartbeat);
      chatHub.heartbeatInterval(config.heartbeat);
    }
    pingHub.cors(cors);
    chatHub.cors(cors);
    pings = pingHub.build();
    chat = chatHub.build();
    presence =
        new ChatPresence(
            chat,
            redis == null
                ? new ChatPresence.LocalRoster(timer, PRESENCE_GRACE)
                : redis.roster(PRESENCE_GRACE));
    Chat rules = new Chat(chat, presence);
    try {
      keystore = config.keystore();
      container = config.onJetty() ? jetty(config, rules) : jersey(config, rules);
    } catch (RuntimeException e) {
      closeHubs();
      throw e;
    }
    new PingTicker(pings, timer, redis == null ? null : redis.pingLease()).start();
    metrics.start(timer);
  }

  private GrizzlyContainer jersey(Config config, Chat rules) {
    ResourceConfig resources =
        new ResourceConfig()
            .register(new SseKitFeature())
            .register(new PingResource(pings))
            .register(new ChatResource(rules))
            .register(new MetricsResource(metrics))
            .register(PageResource.class)
            .register(new ExplainedClientErrors())
            .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    for (Object component : config.components) {
      resources.register(component);
    }
    return new GrizzlyContainer(config.port, resources);
  }

  private JettyContainer jetty(Config config, Chat rules) {
    if (!config.components.isEmpty()) {
      throw new IllegalArgumentException("JAX-RS components need the Jersey server");
    }
    return new JettyContainer(config.port, keystore, new SamplesServlet(pings, rules, metrics));
  }

  /** Starts the server on {@code 127.0.0.1:port}; port 0 picks a free one. */
  public static SampleServer start(int port) {
    return new SampleServer(new Config(port));
  }

  /**
   * Starts a node whose chat and ping topics live on the Redis at {@code redisUri}, so that every
   * node started with the same Redis serves the same chat; {@code null} keeps them in memory.
   */
  public static SampleServer start(int port, String redisUri) {
    Config config = new Config(port);
    config.redisUri = redisUri;
    return new SampleServer(config);
  }

  /** Starts the server with extra JAX-RS components, such as a test's request filter. */
  static SampleServer start(int port, Object... extraComponents) {
    return start(new Config(port).components(extraComponents));
  }

  static SampleServer start(Config config) {
    return new SampleServer(config);
  }

  /** How a node is started; the tests set what {@code serve} has no option for. */
  static final class Config {
    final int port;

    /** The shared Redis, or {@code null} for a node on its own, in memory. */
    String redisUri;

    /** For tests: the event log of the {@code "chat"} or {@code "ping"} hub, or {@code null}. */
    Function<String, EventLog> eventLogs;

    /** The hubs' heartbeat interval, or {@code null} for the hub's default. */
    Duration heartbeat;

    /** The other origins whose pages may open the streams; none by default. */
    final List<String> corsOrigins = new ArrayList<>();

    /** Jetty through sse-servlet instead of Jersey; {@link #tls} implies it. */
    boolean servlet;

    /** HTTPS with HTTP/2 and HTTP/1.1, on Jetty. */
    boolean tls;

    /** The keystore for {@link #tls} and its password, or {@code null} for a self-signed one. */
    Path keystoreFile;

    String keystorePassword;

    final List<Object> components = new ArrayList<>();

    Config(int port) {
      this.port = port;
    }

    Config redis(String uri) {
      this.redisUri = uri;
      return this;
    }

    Config corsOrigins(String... origins) {
      corsOrigins.addAll(List.of(origins));
      return this;
    }

    Config heartbeat(Duration interval) {
      this.heartbeat = interval;
      return this;
    }

    Config eventLogs(Function<String, EventLog> logs) {
      this.eventLogs = logs;
      return this;
    }

    Config components(Object... extra) {
      components.addAll(List.of(extra));
      return this;
    }

    /** Serves through sse-servlet on Jetty instead of Jersey. */
    Config servlet() {
      this.servlet = true;
      return this;
    }

    /** Serves HTTPS on Jetty: HTTP/2, or HTTP/1.1 for clients that do not offer it. */
    Config tls() {
      this.tls = true;
      return this;
    }

    /** The keystore {@link #tls} presents instead of a self-signed certificate. */
    Config keystore(Path file, String password) {
      this.keystoreFile = file;
      this.keystorePassword = password;
      return this;
    }

    /** True for Jetty through sse-servlet: asked for, or implied by {@link #tls}. */
    boolean onJetty() {
      return servlet || tls;
    }

    private TlsKeystore keystore() {
      if (!tls) {
        return null;
      }
      return keystoreFile == null
          ? TlsKeystore.selfSigned()
          : TlsKeystore.load(keystoreFile, keystorePassword);
    }

    private EventLog eventLog(String hub, RedisNode redis, EventLogObserver observer) {
      if (eventLogs != null) {
        EventLog log = eventLogs.apply(hub);
        if (log != null) {
          return log;
        }
      }
      if (redis == null) {
        return null;
      }
      return hub.equals("ping")
          ? redis.eventLog(hub, PING_WINDOW_EVENTS, PING_WINDOW_AGE, observer)
          : redis.eventLog(hub, CHAT_WINDOW_EVENTS, CHAT_WINDOW_AGE, observer);
    }
  }

  /** The base URI clients connect to, with the port actually bound. */
  public URI baseUri() {
    return container.baseUri();
  }

  /** Which container serves, through which adapter, over which protocols. */
  String describe() {
    if (keystore != null) {
      return "Jetty 12 through sse-servlet, HTTPS: HTTP/2, or HTTP/1.1 for clients without it";
    }
    return container instanceof JettyContainer
        ? "Jetty 12 through sse-servlet, HTTP/1.1"
        : "Jersey on Grizzly through sse-jaxrs, HTTP/1.1";
  }

  /** The certificate and key served over TLS, or {@code null} without TLS. */
  TlsKeystore keystore() {
    return keystore;
  }

  /** The streams' CORS policy, shared by both hubs: {@link CorsPolicy#none()} unless configured. */
  CorsPolicy cors() {
    return cors;
  }

  /**
   * Ends every chat connection server-side without closing the chat hub, as a network failure
   * would; for tests of reconnection. Not reachable over HTTP.
   *
   * @return how many connections were ended
   */
  int dropChatConnections() {
    return chat.disconnectAll();
  }

  /**
   * Stops the server: it stops accepting connections, so that a reconnecting browser goes to
   * whatever runs next (another node behind the same proxy); the hubs end every stream (clients see
   * end-of-stream and reconnect); the container finishes open responses for at most {@link
   * #SHUTDOWN_GRACE} and stops.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    container.stopAccepting();
    closeHubs();
    container.stop();
  }

  private void closeHubs() {
    timer.shutdownNow();
    // The hubs end every stream (and close their logs); presence then hands its last departures
    // to Redis, where another node announces them if nobody comes back.
    pings.close();
    chat.close();
    metrics.close();
    presence.close();
    if (redis != null) {
      redis.close();
    }
    if (keystore != null) {
      keystore.close();
    }
  }

  /** The usage line of {@code serve}. */
  static final String USAGE =
      "usage: serve [--port N] [--redis redis://HOST:PORT] [--cors-origin ORIGIN]... [--servlet]"
          + " [--tls [--keystore FILE --keystore-password P]]   (default port 8080; 0 picks a free"
          + " port; serve --help)";

  /** {@code serve --help}. */
  static final String HELP =
      String.join(
          "\n",
          USAGE,
          "  --port N        listen on 127.0.0.1:N",
          "  --redis URI     one node of a cluster: chat and pings shared on Redis",
          "  --cors-origin ORIGIN",
          "                  pages on ORIGIN may open both streams with credentials (repeatable)",
          "  --servlet       serve through sse-servlet on Jetty 12 instead of Jersey on Grizzly",
          "  --tls           HTTPS on Jetty 12 through sse-servlet (so --tls implies --servlet):",
          "                  HTTP/2 where the client offers it (every browser does), HTTP/1.1",
          "                  otherwise; a browser then holds far more than 6 streams per origin",
          "  --keystore FILE --keystore-password P",
          "                  with --tls: the key and certificate to present (PKCS12 or JKS);",
          "                  without them a self-signed certificate for 127.0.0.1 and localhost",
          "                  is made at start and its SHA-256 fingerprint printed");

  static int serve(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    int port = 8080;
    String redisUri = null;
    List<String> corsOrigins = new ArrayList<>();
    boolean servlet = false;
    boolean tls = false;
    Path keystore = null;
    String keystorePassword = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        try {
          port = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          port = -1;
        }
        if (port < 0 || port > 65535) {
          err.println("serve: --port needs a number from 0 to 65535, got: " + args[i]);
          return 2;
        }
      } else if (args[i].equals("--redis") && i + 1 < args.length) {
        redisUri = args[++i];
        String problem = RedisNode.checkUri(redisUri);
        if (problem != null) {
          err.println(
              "serve: --redis needs a Redis URI such as redis://127.0.0.1:6379: " + problem);
          return 2;
        }
      } else if (args[i].equals("--cors-origin") && i + 1 < args.length) {
        String origin = args[++i];
        try {
          CorsPolicy.builder().allowOrigin(origin);
        } catch (IllegalArgumentException e) {
          err.println("serve: --cors-origin: " + e.getMessage());
          return 2;
        }
        corsOrigins.add(origin);
      } else if (args[i].equals("--servlet")) {
        servlet = true;
      } else if (args[i].equals("--tls")) {
        tls = true;
      } else if (args[i].equals("--keystore") && i + 1 < args.length) {
        keystore = Path.of(args[++i]);
      } else if (args[i].equals("--keystore-password") && i + 1 < args.length) {
        keystorePassword = args[++i];
      } else if (args[i].equals("--help") || args[i].equals("-h")) {
        out.println(HELP);
        return 0;
      } else {
        err.println("serve: unknown option: " + args[i]);
        err.println(USAGE);
        return 2;
      }
    }
    if ((keystore != null || keystorePassword != null) && !tls) {
      err.println("serve: --keystore and --keystore-password need --tls");
      return 2;
    }
    if ((keystore == null) != (keystorePassword == null)) {
      err.println("serve: --keystore and --keystore-password go together");
      return 2;
    }
    Config config = new Config(port).redis(redisUri);
    config.servlet = servlet;
    config.tls = tls;
    if (keystore != null) {
      config.keystore(keystore, keystorePassword);
    }
    SampleServer server;
    try {
      config.corsOrigins.addAll(corsOrigins);
      server = start(config);
    } catch (ProcessingException | UncheckedIOException e) {
      err.println("serve: cannot listen on 127.0.0.1:" + port + ": " + rootMessage(e));
      return 1;
    } catch (IllegalArgumentException e) {
      err.println("serve: " + e.getMessage());
      return 1;
    } catch (IllegalStateException e) {
      err.println("serve: cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "ssekit-samples-shutdown"));
    URI base = server.baseUri();
    out.println("ssekit samples: open " + base + " in a browser (Ctrl-C to stop)");
    if (redisUri != null) {
      String state =
          server.redis.isReachable()
              ? "reachable"
              : "NOT reachable yet: the node serves anyway, posting answers 503 until it is";
      out.println(
          "  cluster node: chat and pings shared on " + server.redis.shown() + " (" + state + ")");
    }
    if (!server.cors.allowedOrigins().isEmpty()) {
      out.println(
          "  other origins: "
              + String.join(", ", server.cors.allowedOrigins())
              + " may open both streams with credentials");
    }
    out.println("  server:       " + server.describe());
    TlsKeystore tlsKeys = server.keystore();
    if (tlsKeys != null && tlsKeys.isSelfSigned()) {
      out.println(
          "  certificate:  self-signed for 127.0.0.1 and localhost, made at start (browsers warn"
              + " until you accept it; curl needs -k)");
      out.println("  SHA-256:      " + tlsKeys.sha256Fingerprint());
    } else if (tlsKeys != null) {
      out.println("  certificate:  " + tlsKeys.certificate().getSubjectX500Principal().getName()
          + " from " + tlsKeys.path() + " (SHA-256 " + tlsKeys.sha256Fingerprint() + ")");
    }
    String curl = tlsKeys != null && tlsKeys.isSelfSigned() ? "curl -k" : "curl";
    out.println("  ping stream:  " + curl + " -N " + base + "events");
    out.println("  chat stream:  " + curl + " -N '" + base + "chat/events?username=curl'");
    out.println("  many streams: " + base + "streams.html (12 EventSources on one page)");
    out.println("  metrics:      " + curl + " " + base + "metrics (Prometheus text format)");
    out.println(
        "  chat message: " + curl + " -H 'Content-Type: application/json' -d"
            + " '{\"username\":\"curl\",\"text\":\"hello\"}' "
            + base
            + "chat/messages");
    out.flush();
    stopped.await();
    return 0;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() != null ? t.getMessage() : t.toString();
  }
}
