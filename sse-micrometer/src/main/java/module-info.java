/**
 * The observations of {@code dev.ssekit.hub} as Micrometer meters: {@link
 * dev.ssekit.micrometer.SseMetrics} is both a {@link dev.ssekit.hub.HubObserver} and an {@link
 * dev.ssekit.hub.EventLogObserver} that records into a {@code MeterRegistry}.
 */
module dev.ssekit.micrometer {
  requires transitive dev.ssekit.hub;
  requires transitive micrometer.core;

  exports dev.ssekit.micrometer;
}
