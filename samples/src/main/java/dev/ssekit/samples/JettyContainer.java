package dev.ssekit.samples;

import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Embedded Jetty 12 (ee10, Servlet 6.0) with one servlet, on {@code 127.0.0.1}: plain HTTP/1.1, or
 * HTTPS where ALPN (the JDK's own, no native library) picks HTTP/2 and falls back to HTTP/1.1.
 */
final class JettyContainer implements WebContainer {
  /**
   * Jetty announces its version and every start and stop at INFO; the samples print their own
   * start-up lines, so only Jetty's warnings show. Held here because JUL keeps loggers weakly.
   */
  private static final Logger JETTY = Logger.getLogger("org.eclipse.jetty");

  static {
    JETTY.setLevel(Level.WARNING);
  }

  private final Server server;
  private final ServerConnector connector;
  private final URI baseUri;

  /**
   * Starts Jetty on {@code 127.0.0.1:port}.
   *
   * @param keystore the TLS key and certificate, or {@code null} for plain HTTP/1.1
   * @param servlet serves every path; async is enabled for it
   * @throws UncheckedIOException if the port cannot be bound
   * @throws IllegalStateException if Jetty fails to start for another reason
   */
  JettyContainer(int port, TlsKeystore keystore, HttpServlet servlet) {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("ssekit-samples-jetty");
    server = new Server(threads);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    if (keystore == null) {
      connector = new ServerConnector(server, new HttpConnectionFactory(http));
    } else {
      http.addCustomizer(new SecureRequestCustomizer());
      HttpConnectionFactory http11 = new HttpConnectionFactory(http);
      HTTP2ServerConnectionFactory http2 = new HTTP2ServerConnectionFactory(http);
      ALPNServerConnectionFactory alpn =
          new ALPNServerConnectionFactory(http2.getProtocol(), http11.getProtocol());
      // A client that offers no ALPN (or no h2) gets HTTP/1.1.
      alpn.setDefaultProtocol(http11.getProtocol());
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(keystore.path().toString());
      tls.setKeyStorePassword(keystore.password());
      // HTTP/2 forbids some ciphers (RFC 9113 appendix A); this orders the allowed ones first.
      tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
      connector =
          new ServerConnector(
              server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, http2, http11);
    }
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);

    ServletContextHandler context = new ServletContextHandler();
    context.setContextPath("/");
    ServletHolder holder = new ServletHolder("samples", servlet);
    holder.setAsyncSupported(true);
    context.addServlet(holder, "/");
    // On stop, open requests get the grace period to finish (the hubs have ended the streams).
    server.setHandler(new GracefulHandler(context));
    server.setStopTimeout(SampleServer.SHUTDOWN_GRACE.toMillis());
    try {
      server.start();
    } catch (IOException e) {
      stopQuietly();
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      stopQuietly();
      throw new IllegalStateException("Jetty failed to start: " + e.getMessage(), e);
    }
    baseUri =
        URI.create(
            (keystore == null ? "http" : "https")
                + "://127.0.0.1:"
                + connector.getLocalPort()
                + "/");
  }

  @Override
  public URI baseUri() {
    return baseUri;
  }

  @Override
  public void stopAccepting() {
    connector.close();
  }

  @Override
  public void stop() {
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      // Stopping anyway: Jetty logs what went wrong, and nothing is left to do with it.
    }
  }
}
