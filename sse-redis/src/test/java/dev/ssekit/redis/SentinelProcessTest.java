package dev.ssekit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The test fixture itself: a replica that copies its primary, and a Sentinel that promotes it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SentinelProcessTest {
  private static final Duration WAIT = Duration.ofSeconds(15);

  @Test
  void theSentinelPromotesTheReplicaWithItsDataWhenThePrimaryIsKilled() {
    try (RedisServerProcess primary = RedisServerProcess.start();
        RedisServerProcess replica = RedisServerProcess.startReplicaOf(primary)) {
      primary.run("SET", "k", "v");
      long offset = primary.replicationOffset();
      await().atMost(WAIT).until(() -> replica.replicationOffset() >= offset);
      assertThat(replica.run("GET", "k")).isEqualTo("v");
      assertThat(replica.run("ROLE")).startsWith("slave");

      try (SentinelProcess sentinel = SentinelProcess.start("m", primary)) {
        assertThat(sentinel.uri()).matches("redis-sentinel://127\\.0\\.0\\.1:\\d+/0#m");
        assertThat(sentinel.primaryPort()).isEqualTo(primary.port());
        await().atMost(WAIT).until(() -> sentinel.knowsReplica(replica));
        assertThat(sentinel.knowsReplica(primary)).isFalse();

        primary.kill9();
        await().atMost(WAIT).until(() -> sentinel.primaryPort() == replica.port());
        assertThat(replica.run("ROLE")).startsWith("master");
        assertThat(replica.run("GET", "k")).isEqualTo("v");
      }
    }
  }
}
