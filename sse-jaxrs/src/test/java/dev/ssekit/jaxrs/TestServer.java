package dev.ssekit.jaxrs;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import jakarta.ws.rs.Path;
import java.net.URI;
import java.util.function.Consumer;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.message.GZipEncoder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.server.filter.EncodingFilter;

/**
 * A real Jersey application on Grizzly, on a free loopback port. Public for the documentation's
 * examples ({@code docs}).
 */
public final class TestServer implements StreamEndpoint {
  /**
   * Jersey warns that a resource registered as an object "will be ignored" as a provider; it is
   * served all the same (Jersey issue 3700). Only that warning, and only for a {@code @Path} class,
   * is dropped: a real provider registered in the wrong runtime still shows. Held here because JUL
   * keeps loggers weakly.
   */
  private static final Logger JERSEY_PROVIDERS =
      Logger.getLogger("org.glassfish.jersey.internal.inject.Providers");

  private static final String IGNORED_PROVIDER = "A provider ";

  static {
    JERSEY_PROVIDERS.setFilter(record -> !isAboutAResource(record));
  }

  private final HttpServer server;
  private final URI base;

  private TestServer(HttpServer server, URI base) {
    this.server = server;
    this.base = base;
  }

  /**
   * Starts {@code config}. WADL is off: nothing here serves it, and without JAXB Jersey warns on
   * every start that it cannot.
   */
  public static TestServer start(ResourceConfig config) {
    config.property(ServerProperties.WADL_FEATURE_DISABLE, true);
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config, true);
    NetworkListener listener = server.getListeners().iterator().next();
    return new TestServer(server, URI.create("http://127.0.0.1:" + listener.getPort() + "/"));
  }

  /**
   * Serves {@code hub} the way the adapters' contracts ask: the default topic, topics by path (GET,
   * POST and OPTIONS), a plain text to show that gzip encoding is on, and a principal from {@code
   * X-Test-User}.
   */
  public static TestServer serving(EventHub hub, Consumer<Subscription> onClose) {
    ResourceConfig config =
        new ResourceConfig()
            .register(new HubResource(hub, onClose))
            .register(new TopicResource(hub, onClose))
            .register(PlainResource.class)
            .register(PrincipalFromHeader.class)
            .register(new SseKitFeature());
    EncodingFilter.enableFor(config, GZipEncoder.class);
    return start(config);
  }

  @Override
  public URI uri(String path) {
    return base.resolve(path);
  }

  @Override
  public int port() {
    return base.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }

  private static boolean isAboutAResource(LogRecord record) {
    String message = record.getMessage();
    if (message == null
        || !message.startsWith(IGNORED_PROVIDER)
        || !message.contains("does not implement any provider interfaces")) {
      return false;
    }
    int end = message.indexOf(' ', IGNORED_PROVIDER.length());
    if (end < 0) {
      return false;
    }
    String className = message.substring(IGNORED_PROVIDER.length(), end);
    try {
      return Class.forName(className, false, TestServer.class.getClassLoader())
          .isAnnotationPresent(Path.class);
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
