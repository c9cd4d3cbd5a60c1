package dev.ssekit.samples.docs.redis;

import dev.ssekit.hub.EventHub;
import dev.ssekit.redis.RedisEventLog;
import java.time.Duration;

/** How every node of the examples builds its hub: on one shared Redis. */
final class RedisNodes {
  private RedisNodes() {}

  static EventHub node(String redisUri) {
    // begin-snippet: redis-hub
    EventHub hub =
        EventHub.builder()
            .topicAuthorizer((topic, request) -> true) // every topic holds public news here
            .eventLog(
                RedisEventLog.builder(redisUri) // e.g. "redis://127.0.0.1:6379"
                    .window(1000, Duration.ofMinutes(5)) // per topic
                    .publishTimeout(Duration.ofSeconds(2))
                    .build())
            .build(); // the hub closes the log when it closes
    // end-snippet
    return hub;
  }
}
