package dev.ssekit.samples;

import java.net.URI;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** Jersey on Grizzly, the samples' default server. */
final class GrizzlyContainer implements WebContainer {
  /**
   * Jersey warns that resources registered as instances "will be ignored" as providers; they are
   * served all the same (Jersey issue 3700). Held here because JUL keeps loggers weakly.
   */
  private static final Logger JERSEY_PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  /**
   * Grizzly announces every graceful shutdown, which {@link #stopAccepting()} always asks for, as a
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

  private final HttpServer server;
  private Future<HttpServer> stopping;

  /**
   * Starts Jersey with {@code resources} on {@code 127.0.0.1:port}.
   *
   * @throws jakarta.ws.rs.ProcessingException if the port cannot be bound
   */
  GrizzlyContainer(int port, ResourceConfig resources) {
    server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:" + port + "/"), resources, true);
  }

  @Override
  public URI baseUri() {
    int port = server.getListeners().iterator().next().getPort();
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  @Override
  public synchronized void stopAccepting() {
    if (stopping == null) {
      // Unbinds the listener at once; open connections are served until the grace period ends.
      stopping = server.shutdown(SampleServer.SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void stop() {
    stopAccepting();
    try {
      stopping.get(SampleServer.SHUTDOWN_GRACE.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      server.shutdownNow();
    } catch (ExecutionException | TimeoutException e) {
      server.shutdownNow();
    }
  }
}
