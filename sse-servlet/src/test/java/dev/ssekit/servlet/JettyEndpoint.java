package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpoint;
import jakarta.servlet.DispatcherType;
import java.net.URI;
import java.util.EnumSet;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.gzip.GzipHandler;

/**
 * The test servlets on embedded Jetty 12 (ee10), on a free loopback port speaking HTTP/1.1 and
 * HTTP/2 in clear text, behind a {@link GzipHandler} that compresses every response it may, however
 * small. Its default async timeout is cut from 30 s to {@value
 * ServletEndpointContract#CONTAINER_ASYNC_TIMEOUT_MILLIS} ms by a system property that Jetty reads
 * once (the module's pom sets it for every test). Public for the documentation's examples ({@code
 * docs}).
 */
public final class JettyEndpoint implements StreamEndpoint {
  private final Server server;
  private final URI base;

  private JettyEndpoint(Server server, URI base) {
    this.server = server;
    this.base = base;
  }

  /** Serves {@code hub} the way the adapters' contracts ask, through the test servlets. */
  public static JettyEndpoint start(EventHub hub, Consumer<Subscription> onClose) throws Exception {
    return start(
        context -> {
          FilterHolder principal = new FilterHolder(new StreamServlets.PrincipalFromHeader());
          principal.setAsyncSupported(true);
          context.addFilter(principal, "/*", EnumSet.of(DispatcherType.REQUEST));
          ServletHolder hubServlet =
              new ServletHolder(new StreamServlets.DefaultTopic(hub, onClose));
          hubServlet.setAsyncSupported(true);
          context.addServlet(hubServlet, "/hub/events");
          ServletHolder topics = new ServletHolder(new StreamServlets.Topics(hub, onClose));
          topics.setAsyncSupported(true);
          context.addServlet(topics, "/topics/*");
          context.addServlet(new ServletHolder(new PlainText()), "/plain");
        });
  }

  /** Starts Jetty with what {@code deploy} adds to the root context. */
  public static JettyEndpoint start(Consumer<ServletContextHandler> deploy) throws Exception {
    Server server = new Server();
    // HTTP/1.1, and HTTP/2 in clear text (h2c) for a client that asks for it.
    HttpConfiguration http = new HttpConfiguration();
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    deploy.accept(context);
    GzipHandler gzip = new GzipHandler();
    gzip.setMinGzipSize(0);
    gzip.setHandler(context);
    server.setHandler(gzip);
    server.start();
    return new JettyEndpoint(
        server, URI.create("http://127.0.0.1:" + connector.getLocalPort() + "/"));
  }

  @Override
  public URI uri(String path) {
    return base.resolve(path);
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
