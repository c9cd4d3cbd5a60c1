package dev.ssekit.benchmarks.fanout;

/** One of the two broadcasters under test, as the server's publisher loop sees it. */
interface Broadcast extends AutoCloseable {
  /** Sends {@code ping} to every subscriber (or queues it for them). */
  void publish(FanoutPing ping);

  /** Subscribers currently registered. */
  int subscribers();

  /** The JAX-RS resource serving {@code GET /events}. */
  Object resource();

  @Override
  void close();
}
