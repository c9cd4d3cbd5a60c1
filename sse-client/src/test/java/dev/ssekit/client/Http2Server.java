package dev.ssekit.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Jetty 12 on {@code https://127.0.0.1} where ALPN (the JDK's own) picks HTTP/2, with a limit of
 * concurrent streams per connection. By default every path is a stream that sends one event, {@code
 * data:} its path, and stays open until the server stops. It counts the TCP connections it
 * accepted.
 */
final class Http2Server implements AutoCloseable {
  private final SelfSignedKeystore keystore;
  private final Server server = new Server();
  private final ServerConnector connector;
  private final AtomicInteger tcpConnections = new AtomicInteger();
  private final List<Callback> openStreams = new CopyOnWriteArrayList<>();

  Http2Server(Path dir, int maxConcurrentStreams) throws Exception {
    this(dir, maxConcurrentStreams, null);
  }

  /** A server whose every request {@code handler} answers ({@code null}: the default streams). */
  Http2Server(Path dir, int maxConcurrentStreams, Handler handler) throws Exception {
    keystore = new SelfSignedKeystore(dir);
    HttpConfiguration http = new HttpConfiguration();
    http.addCustomizer(new SecureRequestCustomizer());
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
    h2.setMaxConcurrentStreams(maxConcurrentStreams);
    HttpConnectionFactory http11 = new HttpConnectionFactory(http);
    ALPNServerConnectionFactory alpn =
        new ALPNServerConnectionFactory(h2.getProtocol(), http11.getProtocol());
    alpn.setDefaultProtocol(http11.getProtocol());
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setKeyStorePath(keystore.path().toString());
    tls.setKeyStorePassword(SelfSignedKeystore.PASSWORD);
    tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
    connector =
        new ServerConnector(
            server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    // One SslConnection per accepted TCP connection, whatever it carries inside.
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            if (connection instanceof SslConnection) {
              tcpConnections.incrementAndGet();
            }
          }
        });
    server.addConnector(connector);
    server.setHandler(handler != null ? handler : streams());
    server.start();
  }

  private Handler streams() {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        String event = "data: " + Request.getPathInContext(request) + "\n\n";
        response.write(false, BufferUtil.toBuffer(event, StandardCharsets.UTF_8), Callback.NOOP);
        openStreams.add(callback);
        return true;
      }
    };
  }

  /** The URL of {@code path} on this server. */
  URI uri(String path) {
    return URI.create("https://127.0.0.1:" + connector.getLocalPort() + path);
  }

  /** A client context that trusts this server's certificate. */
  SSLContext clientTls() throws Exception {
    return keystore.trustingContext();
  }

  /** The TCP connections accepted so far. */
  int tcpConnections() {
    return tcpConnections.get();
  }

  @Override
  public void close() throws Exception {
    for (Callback c : openStreams) {
      c.succeeded();
    }
    server.stop();
  }
}
