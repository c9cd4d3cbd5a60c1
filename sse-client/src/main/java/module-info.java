/**
 * An EventSource for Java on {@code java.net.http.HttpClient}: typed listeners, the browser's
 * reconnect and {@code Last-Event-ID} behaviour, a blocking iterator and a Flow publisher.
 */
module dev.ssekit.client {
  requires transitive dev.ssekit.core;
  requires transitive java.net.http;

  exports dev.ssekit.client;
}
