package dev.ssekit.benchmarks.fanout;

/** One of the two broadcasters under test, as the server's publisher loop sees it. */
interface Broadcast extends AutoCloseable {
  /** Sends {@code ping} to every subscriber (or queues it for them). */
  void publish(FanoutPing ping);

  /**
   * Publishes {@code ping} where no subscriber sees it (ssekit: a topic nobody follows), to warm up
   * the publishing path (a shared log's client) before the measured events; nothing by default.
   */
  default void publishUnseen(FanoutPing ping) {}

  /** Subscribers currently registered. */
  int subscribers();

  /** The JAX-RS resource serving {@code GET /events}. */
  Object resource();

  @Override
  void close();
}
