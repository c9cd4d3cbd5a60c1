/**
 * A shared {@link dev.ssekit.hub.EventLog} on Redis Streams: several nodes, each with its own
 * {@link dev.ssekit.hub.EventHub}, serve one stream per topic with the same order and ids, and a
 * client resumes on any node. See {@link dev.ssekit.redis.RedisEventLog}.
 */
module dev.ssekit.redis {
  requires transitive dev.ssekit.hub;
  requires lettuce.core;

  exports dev.ssekit.redis;
}
