/**
 * The fan-out of Server-Sent Events: one encode per event, a replay window for clients that
 * resume with {@code Last-Event-ID}, heartbeats and a policy for slow subscribers. It knows no web
 * framework; adapters such as {@code dev.ssekit.jaxrs} connect it to responses through {@link
 * dev.ssekit.hub.SubscriberSink}.
 */
module dev.ssekit.hub {
  requires transitive dev.ssekit.core;

  exports dev.ssekit.hub;
}
