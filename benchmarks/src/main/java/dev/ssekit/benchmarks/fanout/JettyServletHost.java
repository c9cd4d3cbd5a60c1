package dev.ssekit.benchmarks.fanout;

import dev.ssekit.hub.EventHub;
import dev.ssekit.servlet.ServletStreams;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The hub served by sse-servlet on embedded Jetty 12 (ee10), default settings: one servlet at
 * {@code GET /events} whose one line is {@code ServletStreams.open(hub, request, response)}.
 */
final class JettyServletHost implements AutoCloseable {
  private final Server server;
  private final ServerConnector connector;

  JettyServletHost(EventHub hub) throws Exception {
    server = new Server();
    connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder events = new ServletHolder(new Events(hub));
    events.setAsyncSupported(true);
    context.addServlet(events, "/events");
    server.setHandler(context);
    server.start();
  }

  int port() {
    return connector.getLocalPort();
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** {@code GET /events}. */
  private static final class Events extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient EventHub hub;

    Events(EventHub hub) {
      this.hub = hub;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      ServletStreams.open(hub, request, response);
    }
  }
}
