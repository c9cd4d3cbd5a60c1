package dev.ssekit.benchmarks.hub;

import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.SubscriberSink;
import dev.ssekit.micrometer.SseMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing a hub costs, with no network to hide it: a hub fans events out to subscribers
 * whose writes complete at once, with no observer and with sse-micrometer's {@code SseMetrics}.
 * One operation is one delivery (an event handed to one subscriber and completed), so the score is
 * deliveries per second of the hub's own work, the upper bound of what metrics can take from a
 * real server, where sockets cost several times more (BENCHMARKS.md, section 3).
 *
 * <p>Deliveries run on the publishing thread, one event per write: with delivery threads, how many
 * events share a write depends on how the threads happen to be scheduled, and that moved the score
 * by a factor of two between forks, hiding the observer's share of each write.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(3)
public class ObserverCostBenchmark {
  private static final int SUBSCRIBERS = 1_000;
  private static final int EVENTS_PER_CALL = 16;
  private static final int DELIVERIES_PER_CALL = SUBSCRIBERS * EVENTS_PER_CALL;

  /** {@code none}: no observer; {@code metrics}: SseMetrics on a SimpleMeterRegistry. */
  @Param({"none", "metrics"})
  public String observer;

  private final ServerSentEvent event = ServerSentEvent.of("tick", "{\"seq\":1,\"at\":1733400000}");
  private long delivered;
  private EventHub hub;

  @Setup(Level.Trial)
  public void start() {
    EventHub.Builder builder =
        EventHub.builder()
            .heartbeatInterval(Duration.ofHours(1))
            .deliveryExecutor(Runnable::run)
            .maxQueued(1_024, 64L * 1024 * 1024);
    if (observer.equals("metrics")) {
      builder.observer(SseMetrics.builder(new SimpleMeterRegistry()).build());
    }
    hub = builder.build();
    for (int i = 0; i < SUBSCRIBERS; i++) {
      hub.subscribe(new CountingSink(), null);
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    hub.close();
  }

  /** Publishes a burst; every subscriber has completed every event of it when publish returns. */
  @Benchmark
  @OperationsPerInvocation(DELIVERIES_PER_CALL)
  public void fanOut() {
    long target = delivered + DELIVERIES_PER_CALL;
    for (int i = 0; i < EVENTS_PER_CALL; i++) {
      hub.publish(event);
    }
    if (delivered != target) {
      throw new IllegalStateException(delivered + " deliveries, expected " + target);
    }
  }

  /** Completes each write at once, counting the events in it (not the retry hint at the start). */
  private final class CountingSink implements SubscriberSink {
    @Override
    public void write(List<byte[]> frames, Completion completion) {
      int events = 0;
      for (byte[] frame : frames) {
        if (frame[0] == 'i') { // "id:": an event's first line, as the hub writes it
          events++;
        }
      }
      completion.completed();
      delivered += events;
    }

    @Override
    public void close() {}
  }
}
