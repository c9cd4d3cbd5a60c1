package dev.ssekit.samples;

import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** The demo server: embedded Jersey on Grizzly, bound to the loopback address. */
public final class SampleServer implements AutoCloseable {
  private final HttpServer server;
  private final PingResource.Ticker ticker;

  private SampleServer(HttpServer server, PingResource.Ticker ticker) {
    this.server = server;
    this.ticker = ticker;
  }

  /** Starts the server on {@code 127.0.0.1:port}; port 0 picks a free one. */
  public static SampleServer start(int port) {
    PingResource.Ticker ticker = new PingResource.Ticker();
    ResourceConfig config = new ResourceConfig()
            .register(new PingResource(ticker))
            .register(PageResource.class)
            .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:" + port + "/"), config, true);
    return new SampleServer(server, ticker);
  }

  /** The base URI clients connect to, with the port actually bound. */
  public URI baseUri() {
    int port = server.getListeners().iterator().next().getPort();
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public void close() {
    ticker.close();
    server.shutdown(5, TimeUnit.SECONDS);
  }

  static int serve(String[] args, PrintStream out, PrintStream err) throws InterruptedException {
    int port = 8080;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        try {
          port = Integer.parseInt(args[++i]);
        } catch (NumberFormatException e) {
          err.println("--port needs a number, got: " + args[i]);
          return 2;
        }
      } else {
        err.println("unknown option for serve: " + args[i]);
        return 2;
      }
    }
    SampleServer server = start(port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "ssekit-samples-shutdown"));
    out.println("ssekit samples listening on " + server.baseUri() + " (Ctrl-C to stop)");
    out.println("  ping stream: curl -N " + server.baseUri() + "events");
    out.flush();
    stopped.await();
    return 0;
  }
}
