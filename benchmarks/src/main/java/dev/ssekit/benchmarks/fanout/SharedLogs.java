package dev.ssekit.benchmarks.fanout;

import dev.ssekit.hub.EventLog;
import dev.ssekit.redis.RedisEventLog;

/** The shared event logs a benchmark node can put its hub on. */
final class SharedLogs {
  private SharedLogs() {}

  /**
   * A Redis Streams log on {@code uri} ({@code redis://host:port}), its keys under {@code
   * keyPrefix}, so that runs sharing one Redis do not see each other's streams; other settings
   * are the defaults (window of 1,000 events and 5 minutes, more than any run publishes).
   */
  static EventLog redis(String uri, String keyPrefix) {
    return RedisEventLog.builder(uri).keyPrefix(keyPrefix).build();
  }
}
