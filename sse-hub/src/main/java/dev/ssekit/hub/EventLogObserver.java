package dev.ssekit.hub;

/**
 * What a shared {@link EventLog} (such as {@code dev.ssekit.redis.RedisEventLog}) reports about its
 * connection to the server it lives on, for metrics: given to the log when it is built (see the
 * log's builder). {@code dev.ssekit.micrometer} binds these reports to Micrometer meters.
 *
 * <p>Every method does nothing by default. A log calls them on its own threads and on publishers'
 * threads: an implementation must be thread-safe and quick, and must not throw.
 */
public interface EventLogObserver {

  /**
   * The log reached its server: when it was built, or again after {@link #disconnected()}. Reported
   * once per change.
   */
  default void connected() {}

  /**
   * The log lost its server, or could not reach it when it was built: publishing fails with {@link
   * EventLogUnavailableException} until {@link #connected()}. Reported once per outage, and once
   * more when the log is closed while connected (it is then never connected again).
   */
  default void disconnected() {}

  /**
   * An append to {@code topic} failed with {@code failure}, which its publisher receives; {@link
   * EventLogUnavailableException#mayHaveBeenAppended()} tells whether the event may be in the log.
   */
  default void appendFailed(String topic, EventLogUnavailableException failure) {}

  /**
   * An event of {@code topic} was handed to this node's hub {@code millis} after the server
   * appended it, by the server's clock against this node's: how far this node's delivery runs
   * behind the log. A clock difference between the two machines shifts the figure (at worst to 0).
   */
  default void deliveredAfter(String topic, long millis) {}
}
