package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.SseKitFeature;
import jakarta.ws.rs.ProcessingException;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The demo server: embedded Jersey on Grizzly, bound to the loopback address, serving the page
 * ({@code /}), the ping stream ({@code /events}) and the chat ({@code /chat/events}, {@code
 * /chat/messages}).
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
   * Jersey warns that resources registered as instances "will be ignored" as providers; they are
   * served all the same (Jersey issue 3700). Held here because JUL keeps loggers weakly.
   */
  private static final Logger JERSEY_PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  /**
   * Grizzly announces every graceful shutdown, which {@link #close()} always asks for, as a
   * WARNING ("GRIZZLY0030: Shutting down transport ... in 5,000 MILLISECONDS"). Only that notice is
   * dropped: the same logger's warnings that the grace period ran out (GRIZZLY0031) or was
   * interrupted still show. Held here because JUL keeps loggers weakly.
   */
  private static final Logger GRACEFUL_SHUTDOWN =
      Logger.getLogger("org.glassfish.grizzly.nio.GracefulShutdownRunner");

  static {
    JERSEY_PROVIDERS.setLevel(Level.SEVERE);
    GRACEFUL_SHUTDOWN.setFilter(
        record -> record.getMessage() == null || !record.getMessage().startsWith("GRIZZLY0030:"));
  }

  private final ScheduledExecutorService timer;
  private final EventHub pings;
  private final EventHub chat;
  private final ChatResource chatResource;
  private final HttpServer server;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SampleServer(int port, Object... extraComponents) {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ssekit-samples-timer");
              t.setDaemon(true);
              return t;
            });
    // Pings are only interesting live: a short window is enough to bridge a reconnect.
    pings = EventHub.builder().replayWindow(100, Duration.ofMinutes(1)).build();
    chat = EventHub.builder().retry(CHAT_RETRY).build();
    chatResource = new ChatResource(chat, new ChatPresence(chat, timer, PRESENCE_GRACE));
    ResourceConfig config =
        new ResourceConfig()
            .register(new SseKitFeature())
            .register(new PingResource(pings))
            .register(chatResource)
            .register(PageResource.class)
            .register(new ExplainedClientErrors())
            .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    for (Object component : extraComponents) {
      config.register(component);
    }
    try {
      server =
          GrizzlyHttpServerFactory.createHttpServer(
              URI.create("http://127.0.0.1:" + port + "/"), config, true);
    } catch (RuntimeException e) {
      closeHubs();
      throw e;
    }
    new PingTicker(pings, timer).start();
  }

  /** Starts the server on {@code 127.0.0.1:port}; port 0 picks a free one. */
  public static SampleServer start(int port) {
    return new SampleServer(port);
  }

  /** Starts the server with extra JAX-RS components, such as a test's request filter. */
  static SampleServer start(int port, Object... extraComponents) {
    return new SampleServer(port, extraComponents);
  }

  /** The base URI clients connect to, with the port actually bound. */
  public URI baseUri() {
    int port = server.getListeners().iterator().next().getPort();
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /**
   * Ends every chat connection server-side without closing the chat hub, as a network failure
   * would; for tests of reconnection. Not reachable over HTTP.
   *
   * @return how many connections were ended
   */
  int dropChatConnections() {
    return chatResource.dropConnections();
  }

  /**
   * Stops the server: the hubs end every stream (clients see end-of-stream, and a browser would
   * reconnect to whatever runs next), then Grizzly finishes open responses for at most {@link
   * #SHUTDOWN_GRACE} and stops.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    closeHubs();
    try {
      server
          .shutdown(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)
          .get(SHUTDOWN_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    } catch (ExecutionException | TimeoutException e) {
      server.shutdownNow();
    }
  }

  private void closeHubs() {
    timer.shutdownNow();
    pings.close();
    chat.close();
  }

  static int serve(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    int port = 8080;
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
      } else {
        err.println("serve: unknown option: " + args[i]);
        err.println("usage: serve [--port N]   (default 8080; 0 picks a free port)");
        return 2;
      }
    }
    SampleServer server;
    try {
      server = start(port);
    } catch (ProcessingException e) {
      err.println("serve: cannot listen on 127.0.0.1:" + port + ": " + rootMessage(e));
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
    out.println("  ping stream:  curl -N " + base + "events");
    out.println("  chat stream:  curl -N '" + base + "chat/events?username=curl'");
    out.println(
        "  chat message: curl -H 'Content-Type: application/json' -d"
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
