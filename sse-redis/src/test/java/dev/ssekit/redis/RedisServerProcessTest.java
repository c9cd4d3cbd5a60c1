package dev.ssekit.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** The test fixture itself: start, data, kill, restart on the same port, sleep. */
class RedisServerProcessTest {

  @Test
  void startsAnswersAndLosesItsDataOnRestart() {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      assertThat(redis.uri()).isEqualTo("redis://127.0.0.1:" + redis.port());
      assertThat(redis.run("PING")).isEqualTo("PONG");
      assertThat(redis.run("SET", "k", "v")).isEqualTo("OK");
      assertThat(redis.run("GET", "k")).isEqualTo("v");

      redis.kill9();
      assertThat(redis.isAlive()).isFalse();
      assertThatThrownBy(() -> redis.run("PING")).isInstanceOf(UncheckedIOException.class);

      int port = redis.port();
      redis.restart();
      assertThat(redis.port()).isEqualTo(port);
      assertThat(redis.run("GET", "k")).isNull(); // no persistence

      redis.run("SET", "k", "v");
      redis.flushAll();
      assertThat(redis.run("GET", "k")).isNull();

      redis.terminate();
      assertThat(redis.isAlive()).isFalse();
      redis.restart();
      assertThat(redis.run("GET", "k")).isNull();
    }
  }

  @Test
  void debugSleepStallsEveryoneAndClientKillClosesConnections() throws Exception {
    try (RedisServerProcess redis = RedisServerProcess.start()) {
      assertThat(redis.clientKillAll("normal")).isZero();
      long start = System.nanoTime();
      CompletableFuture<Void> woke = redis.debugSleep(1);
      assertThat(redis.run("PING")).isEqualTo("PONG"); // waits for the sleep to end
      woke.get();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
    }
  }

  @Test
  void withoutTheBinaryTestsAreSkippedWithTheInstallCommand() {
    withProperties(
        "/nonexistent/redis-server",
        "false",
        () ->
            assertThatThrownBy(RedisServerProcess::start)
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("redis-server not found")
                .hasMessageContaining("sudo apt-get install redis-server"));
  }

  @Test
  void withoutTheBinaryWhereRequiredTheTestsFail() {
    withProperties(
        "/nonexistent/redis-server",
        "true",
        () ->
            assertThatThrownBy(RedisServerProcess::start)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must run here")
                .hasMessageContaining("sudo apt-get install redis-server"));
  }

  private static void withProperties(String server, String required, Runnable body) {
    String serverBefore = System.getProperty("ssekit.redis.server");
    String requiredBefore = System.getProperty("ssekit.redis.required");
    System.setProperty("ssekit.redis.server", server);
    System.setProperty("ssekit.redis.required", required);
    try {
      body.run();
    } finally {
      restore("ssekit.redis.server", serverBefore);
      restore("ssekit.redis.required", requiredBefore);
    }
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }

  @Test
  void closeKillsTheProcess() {
    RedisServerProcess redis = RedisServerProcess.start();
    redis.close();
    assertThat(redis.isAlive()).isFalse();
  }
}
