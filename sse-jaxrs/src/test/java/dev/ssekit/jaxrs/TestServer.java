package dev.ssekit.jaxrs;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A real Jersey application on Grizzly, on a free loopback port. */
final class TestServer implements AutoCloseable {
  private final HttpServer server;
  private final URI base;

  private TestServer(HttpServer server, URI base) {
    this.server = server;
    this.base = base;
  }

  static TestServer start(ResourceConfig config) {
    HttpServer server =
        GrizzlyHttpServerFactory.createHttpServer(URI.create("http://127.0.0.1:0/"), config, true);
    NetworkListener listener = server.getListeners().iterator().next();
    return new TestServer(server, URI.create("http://127.0.0.1:" + listener.getPort() + "/"));
  }

  URI uri(String path) {
    return base.resolve(path);
  }

  int port() {
    return base.getPort();
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
