/**
 * An EventSource for Java on {@code java.net.http.HttpClient}: typed listeners, the browser's
 * reconnect and {@code Last-Event-ID} behaviour, a blocking iterator and a Flow publisher.
 */
module dev.ssekit.client {
  // Transitive: the API speaks core's types (ServerSentEvent, CodecRegistry, SseLimits) and the
  // JDK client's (HttpClient, HttpRequest.BodyPublisher, HttpResponse.ResponseInfo).
  requires transitive dev.ssekit.core;
  requires transitive java.net.http;

  exports dev.ssekit.client;
}
