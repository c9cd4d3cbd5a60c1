package dev.ssekit.samples;

import dev.ssekit.hub.CorsPolicy;
import dev.ssekit.hub.EventHub;
import dev.ssekit.micrometer.SseMetrics;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.search.Search;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's metrics: one Prometheus registry that both hubs (and their Redis logs) report to, each
 * through its own {@link SseMetrics} tagged {@code hub=ping} or {@code hub=chat}, served as {@code
 * GET /metrics}; and the page's live panel, a {@link Stats} event on a stream of its own whenever
 * one of its figures changes.
 */
final class NodeMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SseMetrics ping = SseMetrics.builder(registry).tags(Tags.of("hub", "ping")).build();
  private final SseMetrics chat = SseMetrics.builder(registry).tags(Tags.of("hub", "chat")).build();

  /** The panel's stream: its own hub, so that its clients count in none of the figures. */
  private final EventHub panel;

  // The ticker's own (one timer thread).
  private double lastSent = Double.NaN;
  private long lastNanos;
  private Stats shown;
  private volatile boolean showAgain;

  NodeMetrics(CorsPolicy cors) {
    panel = EventHub.builder().cors(cors).build();
  }

  /** What the ping hub and its log report to. */
  SseMetrics ping() {
    return ping;
  }

  /** What the chat hub and its log report to. */
  SseMetrics chat() {
    return chat;
  }

  /** The hub of the panel's stream. */
  EventHub panel() {
    return panel;
  }

  /** Every meter, in Prometheus's text format. */
  String scrape() {
    return registry.scrape();
  }

  /** Works the panel's figures out every second from now on. */
  void start(ScheduledExecutorService timer) {
    timer.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
  }

  /** A new panel has opened: send the figures on the next tick even if none changed. */
  void showAgain() {
    showAgain = true;
  }

  private void tick() {
    long now = System.nanoTime();
    double sent = sum(registry.find("ssekit.frames.written"));
    double perSecond = Double.isNaN(lastSent) ? 0 : (sent - lastSent) * 1e9 / (now - lastNanos);
    lastSent = sent;
    lastNanos = now;
    double clients =
        registry.find("ssekit.subscribers").gauges().stream().mapToDouble(Gauge::value).sum();
    double dropped =
        sum(registry.find("ssekit.release").tag("reason", "too_slow"))
            + sum(registry.find("ssekit.release").tag("reason", "write_timeout"));
    Stats stats = new Stats((int) clients, Math.round(perSecond * 10) / 10.0, (long) dropped);
    if (!stats.equals(shown) || showAgain) {
      showAgain = false;
      try {
        panel.publish(stats);
        shown = stats;
      } catch (IllegalStateException e) {
        // closing: nothing to show any more
      }
    }
  }

  private static double sum(Search search) {
    return search.functionCounters().stream().mapToDouble(FunctionCounter::count).sum();
  }

  @Override
  public void close() {
    panel.close();
    registry.close();
  }
}
