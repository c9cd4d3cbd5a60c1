package dev.ssekit.samples;

import java.net.URI;

/**
 * The web server under the samples: Jersey on Grizzly ({@link GrizzlyContainer}), or Jetty with the
 * samples' servlet ({@link JettyContainer}).
 */
interface WebContainer {
  /** The base URI clients connect to, with the port actually bound. */
  URI baseUri();

  /**
   * Stops accepting connections at once, so that a reconnecting client goes to whatever runs next;
   * open connections are served on.
   */
  void stopAccepting();

  /**
   * Stops, once open responses have finished or {@link SampleServer#SHUTDOWN_GRACE} has passed.
   */
  void stop();
}
