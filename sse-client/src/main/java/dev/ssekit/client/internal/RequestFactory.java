package dev.ssekit.client.internal;

import dev.ssekit.client.ReconnectRequest;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.Map;

/** Makes each connection attempt's request: the configured one, plus what an event stream needs. */
final class RequestFactory {
  private RequestFactory() {}

  /**
   * The request for attempt number {@code attempt}: the configured method, body and headers (a GET
   * without a body instead for a reconnect configured as {@link ReconnectRequest#GET}), an {@code
   * Accept} and {@code Cache-Control} unless configured, {@code Last-Event-ID} unless {@code
   * lastEventId} is empty, then the customizer's changes.
   *
   * @throws RuntimeException whatever the customizer or the JDK's request builder throws
   */
  static HttpRequest newRequest(ClientConfig config, int attempt, String lastEventId) {
    HttpRequest.Builder b = HttpRequest.newBuilder(config.uri());
    if (attempt > 1 && config.reconnectRequest() == ReconnectRequest.GET) {
      b.GET();
    } else {
      b.method(config.method(), config.body());
    }
    if ("http".equalsIgnoreCase(config.uri().getScheme())) {
      // On cleartext the JDK would try an h2c upgrade, which some servers (Grizzly among them)
      // answer with a broken response; over TLS, HTTP/2 is negotiated safely by ALPN.
      b.version(HttpClient.Version.HTTP_1_1);
    }
    boolean accept = false;
    boolean cacheControl = false;
    for (Map.Entry<String, String> h : config.headers()) {
      b.header(h.getKey(), h.getValue());
      accept |= h.getKey().equalsIgnoreCase("Accept");
      cacheControl |= h.getKey().equalsIgnoreCase("Cache-Control");
    }
    if (!accept) {
      b.header("Accept", "text/event-stream");
    }
    if (!cacheControl) {
      b.header("Cache-Control", "no-cache");
    }
    if (!lastEventId.isEmpty()) {
      b.setHeader("Last-Event-ID", lastEventId);
    }
    if (config.customizer() != null) {
      config.customizer().customize(b, attempt, lastEventId);
    }
    return b.build();
  }
}
