package dev.ssekit.samples;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * One HTML page served from another origin than the samples (the JDK's own HTTP server on another
 * loopback port): it opens {@code new EventSource(stream, {withCredentials: true})} to the URL in
 * its {@code stream} query parameter and shows what happens in elements a test reads: {@code
 * #state} (connecting, open, reconnecting, closed), {@code #pings} (ping events received) and
 * {@code #errors} (error events).
 */
final class OtherOriginPage implements AutoCloseable {
  private static final String PAGE =
      """
      <!doctype html>
      <html><head><meta charset="utf-8"><title>another origin</title></head>
      <body>
      <p>state: <span id="state">connecting</span></p>
      <p>pings: <span id="pings">0</span>, errors: <span id="errors">0</span></p>
      <script>
        const stream = new URLSearchParams(location.search).get('stream');
        const source = new EventSource(stream, {withCredentials: true});
        let pings = 0;
        let errors = 0;
        const show = (id, text) => { document.getElementById(id).textContent = text; };
        source.onopen = () => show('state', 'open');
        source.addEventListener('ping', () => show('pings', ++pings));
        source.onerror = () => {
          show('errors', ++errors);
          show('state', source.readyState === EventSource.CLOSED ? 'closed' : 'reconnecting');
        };
      </script>
      </body></html>
      """;

  private final HttpServer server;

  private OtherOriginPage(HttpServer server) {
    this.server = server;
  }

  /** Serves the page at {@code /page.html} on a free port of 127.0.0.1. */
  static OtherOriginPage start() {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] page = PAGE.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        "/page.html",
        exchange -> {
          try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", "text/html;charset=UTF-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream body = exchange.getResponseBody()) {
              body.write(page);
            }
          }
        });
    server.start();
    return new OtherOriginPage(server);
  }

  /** This page's origin, as a browser sends it in {@code Origin}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** The page, opening {@code stream}. */
  URI pageFor(URI stream) {
    return URI.create(
        origin()
            + "/page.html?stream="
            + URLEncoder.encode(stream.toString(), StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
