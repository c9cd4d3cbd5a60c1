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
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's metrics: one Prometheus registry that both hubs (and their Redis logs) report to, each
 * through its own {@link SseMetrics} tagged {@code hub=ping} or {@code hub=chat}, served as {@code
 * GET /metrics}; and the page's live panel, a {@link Stats} event on a stream of its own whenever
 * one of its figures changes.
 */
final class NodeMetrics implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(NodeMetrics.class.getName());

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SseMetrics ping = SseMetrics.builder(registry).tags(Tags.of("hub", "ping")).build();
  private final SseMetrics chat = SseMetrics.builder(registry).tags(Tags.of("hub", "chat")).build();

  /**
   * The panel's stream: its own hub, with no observer, so that its clients count in none of the
   * figures (nor do its refusals: {@code /metrics} is about the ping and chat streams).
   */
  private final EventHub panel;

  // The ticker's own: the timer thread, and before it the thread that starts the ticks.
  private double lastWritten = Double.NaN;
  private long lastNanos;
  private Stats shown;
  private volatile boolean showAgain;

  /**
   * @param heartbeat the panel stream's heartbeat interval (as the other streams'), or {@code null}
   *     for the hub's default
   */
  NodeMetrics(CorsPolicy cors, Duration heartbeat) {
    EventHub.Builder builder = EventHub.builder().cors(cors);
    if (heartbeat != null) {
      builder.heartbeatInterval(heartbeat);
    }
    panel = builder.build();
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

  /**
   * Works the panel's figures out now, before any panel can open (so that the first one opened gets
   * them once), and then every second.
   */
  void start(ScheduledExecutorService timer) {
    tick();
    timer.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
  }

  /** A new panel has opened: send the figures on the next tick even if none changed. */
  void showAgain() {
    showAgain = true;
  }

  /** One second's figures; a failure is logged, and the next second tries again. */
  private void tick() {
    try {
      show(figures());
    } catch (RuntimeException e) {
      // Thrown out of a scheduled task, it would end the ticks without a word.
      LOG.log(System.Logger.Level.WARNING, "the live panel's figures failed; trying again", e);
    }
  }

  private Stats figures() {
    long now = System.nanoTime();
    double written = sum(registry.find("ssekit.events.written"));
    double perSecond =
        Double.isNaN(lastWritten) ? 0 : (written - lastWritten) * 1e9 / (now - lastNanos);
    lastWritten = written;
    lastNanos = now;
    double clients =
        registry.find("ssekit.subscribers").gauges().stream().mapToDouble(Gauge::value).sum();
    double dropped =
        sum(registry.find("ssekit.release").tag("reason", "too_slow"))
            + sum(registry.find("ssekit.release").tag("reason", "write_timeout"));
    return new Stats((int) clients, Math.round(perSecond * 10) / 10.0, (long) dropped);
  }

  private void show(Stats stats) {
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
