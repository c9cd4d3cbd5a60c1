package dev.ssekit.micrometer;

import io.micrometer.core.instrument.MeterRegistry;

/** Reads SseMetrics' figures back from a registry, as a scraper would, by name and tags. */
final class Readings {
  private final MeterRegistry registry;

  Readings(MeterRegistry registry) {
    this.registry = registry;
  }

  /** The count of the one function counter {@code name} with {@code tags} (name, value, ...). */
  double count(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  /** The value of the one gauge {@code name} with {@code tags} (name, value, ...). */
  double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }
}
