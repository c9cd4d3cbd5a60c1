/**
 * An application that publishes and receives typed events with ssekit on the module path, as a user
 * without a web framework writes it: the hub served by the JDK's own HTTP server.
 */
module dev.ssekit.blackbox {
  requires dev.ssekit.hub;
  requires dev.ssekit.client;
  requires jdk.httpserver;

  // On the module path ServiceLoader ignores META-INF/services in a named module: the codecs the
  // processor generated are found only through this declaration.
  provides dev.ssekit.core.SseCodec with
      dev.ssekit.blackbox.Greeting_SseCodec;
}
