package dev.ssekit.samples;

/**
 * The samples' two servers, one per server adapter: the HTTP-level tests run against both, so that
 * both adapters face the same tests.
 */
enum Adapter {
  /** {@code serve}: sse-jaxrs on Jersey and Grizzly. */
  JERSEY,

  /** {@code serve --servlet}: sse-servlet on Jetty 12. */
  SERVLET;

  /** A server on a free port with this adapter. */
  SampleServer.Config config() {
    SampleServer.Config config = new SampleServer.Config(0);
    return this == SERVLET ? config.servlet() : config;
  }
}
