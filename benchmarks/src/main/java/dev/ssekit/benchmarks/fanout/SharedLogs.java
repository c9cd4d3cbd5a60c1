package dev.ssekit.benchmarks.fanout;

import dev.ssekit.hub.EventLog;

/** The shared event logs a benchmark node can put its hub on. */
final class SharedLogs {
  private SharedLogs() {}

  /**
   * A Redis Streams log on {@code uri} ({@code redis://host:port}), its keys under {@code
   * keyPrefix}, so that runs sharing one Redis do not see each other's streams.
   */
  static EventLog redis(String uri, String keyPrefix) {
    // sse-redis is not merged into main yet: the multi-node driver runs with in-memory nodes only.
    throw new UnsupportedOperationException(
        "--redis needs the sse-redis module (RedisEventLog), not in this build yet");
  }
}
