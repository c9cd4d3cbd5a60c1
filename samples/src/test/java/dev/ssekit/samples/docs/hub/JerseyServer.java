package dev.ssekit.samples.docs.hub;

import dev.ssekit.jaxrs.SseKitFeature;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/** Jersey on Grizzly on a free loopback port, serving the components a docs example gives it. */
public final class JerseyServer implements AutoCloseable {
  /**
   * The JDK's client on HTTP/1.1, as browsers speak to a plain-http server (its default, HTTP/2,
   * would try an {@code h2c} upgrade, which a POST's body keeps Grizzly from answering).
   */
  public static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final HttpServer server;
  private final URI base;

  private JerseyServer(HttpServer server) {
    this.server = server;
    this.base = URI.create("http://127.0.0.1:" + server.getListener("grizzly").getPort() + "/");
  }

  /** Starts a server with {@link SseKitFeature} and {@code components} (resources, filters). */
  public static JerseyServer start(Object... components) {
    ResourceConfig app =
        new ResourceConfig()
            .register(SseKitFeature.class)
            .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    for (Object component : components) {
      app.register(component);
    }
    return new JerseyServer(
        GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), app));
  }

  /** {@code path} on this server, for example {@code "users/ada/events"}. */
  public URI uri(String path) {
    return base.resolve(path);
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
