package dev.ssekit.client;

import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Connection;
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
 * Jetty 12 on {@code https://127.0.0.1} where ALPN (the JDK's own) picks HTTP/2, or on {@code
 * http://127.0.0.1} where a request may upgrade to HTTP/2 ({@link #cleartext h2c}), with a limit of
 * concurrent streams per connection. By default every path is a stream that sends one event, {@code
 * data:} its path (followed by {@code #} and the request's {@code Last-Event-ID}, if it has one),
 * and stays open until the server stops. It counts the TCP connections it accepted.
 */
final class Http2Server implements AutoCloseable {
  private final SelfSignedKeystore keystore;
  private final Server server = new Server();
  private final ServerConnector connector;
  // Each protocol a TCP connection speaks (TLS, HTTP/1.1, HTTP/2 after an upgrade) is a Connection
  // of its own, so count the clients' addresses, one per TCP connection.
  private final Set<SocketAddress> tcpConnections = ConcurrentHashMap.newKeySet();
  private final List<Callback> openStreams = new CopyOnWriteArrayList<>();

  Http2Server(Path dir, int maxConcurrentStreams) throws Exception {
    this(dir, maxConcurrentStreams, null);
  }

  /** A server whose every request {@code handler} answers ({@code null}: the default streams). */
  Http2Server(Path dir, int maxConcurrentStreams, Handler handler) throws Exception {
    this(new SelfSignedKeystore(dir), maxConcurrentStreams, handler);
  }

  /**
   * A server on {@code http://} that speaks HTTP/1.1 and upgrades a request that asks for it
   * ({@code Upgrade: h2c}, as the JDK's client does for a request whose version is HTTP/2) to
   * HTTP/2, the request's response then coming as the connection's first HTTP/2 stream.
   */
  static Http2Server cleartext(int maxConcurrentStreams) throws Exception {
    return new Http2Server((SelfSignedKeystore) null, maxConcurrentStreams, null);
  }

  private Http2Server(SelfSignedKeystore keystore, int maxConcurrentStreams, Handler handler)
      throws Exception {
    this.keystore = keystore;
    connector =
        keystore != null ? tlsConnector(maxConcurrentStreams) : h2cConnector(maxConcurrentStreams);
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    connector.addEventListener(
        new Connection.Listener() {
          @Override
          public void onOpened(Connection connection) {
            tcpConnections.add(connection.getEndPoint().getRemoteSocketAddress());
          }
        });
    server.addConnector(connector);
    server.setHandler(handler != null ? handler : streams());
    server.start();
  }

  private ServerConnector tlsConnector(int maxConcurrentStreams) {
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
    return new ServerConnector(
        server, new SslConnectionFactory(tls, alpn.getProtocol()), alpn, h2, http11);
  }

  private ServerConnector h2cConnector(int maxConcurrentStreams) {
    HttpConfiguration http = new HttpConfiguration();
    HTTP2CServerConnectionFactory h2c = new HTTP2CServerConnectionFactory(http);
    h2c.setMaxConcurrentStreams(maxConcurrentStreams);
    return new ServerConnector(server, new HttpConnectionFactory(http), h2c);
  }

  private Handler streams() {
    return new Handler.Abstract() {
      @Override
      public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream");
        String lastEventId = request.getHeaders().get("Last-Event-ID");
        String event =
            "data: "
                + Request.getPathInContext(request)
                + (lastEventId == null ? "" : "#" + lastEventId)
                + "\n\n";
        response.write(false, BufferUtil.toBuffer(event, StandardCharsets.UTF_8), Callback.NOOP);
        openStreams.add(callback);
        return true;
      }
    };
  }

  /** The URL of {@code path} on this server. */
  URI uri(String path) {
    String scheme = keystore != null ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + connector.getLocalPort() + path);
  }

  /** A client context that trusts this server's certificate. */
  SSLContext clientTls() throws Exception {
    return keystore.trustingContext();
  }

  /** The TCP connections accepted so far. */
  int tcpConnections() {
    return tcpConnections.size();
  }

  @Override
  public void close() throws Exception {
    for (Callback c : openStreams) {
      c.succeeded();
    }
    server.stop();
  }
}
