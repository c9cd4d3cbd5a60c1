package dev.ssekit.redis;

/** Work in progress. */
public final class RedisEventLog {
  private RedisEventLog() {}
}
