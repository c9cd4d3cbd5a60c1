package dev.ssekit.benchmarks.topics;

import dev.ssekit.benchmarks.fanout.Machine;
import dev.ssekit.benchmarks.fanout.Options;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseEncoder;
import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.SubscriberSink;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.Topic;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What topics cost in an {@link EventHub}'s heap: {@code --topics} topics (default 10,000), each
 * with {@code --events} events published (one run per value, default 1, 10 and 100), measured as
 * heap in use after full collections, minus the same with the hub alone, divided by the number of
 * topics:
 *
 * <ol>
 *   <li><b>windows full</b>: every topic's replay window holds its events and no one subscribes;
 *   <li><b>one subscriber each</b>: the same, plus one idle subscriber per topic (a sink that
 *       completes every write at once), the cost of a topic that is being followed;
 *   <li><b>expired</b>: subscribers gone, the windows' maximum age passed and the hub's own
 *       housekeeping has run: what an idle topic costs.
 * </ol>
 *
 * <p>Heap is {@code MemoryMXBean.getHeapMemoryUsage().getUsed()} after three {@code System.gc()}
 * calls 100 ms apart, the method of the fan-out driver ({@code ProcessStats}); run it with a fixed
 * heap and G1 so that a full collection is a full collection. Prints one Markdown table.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:+UseG1GC -cp benchmarks/target/benchmarks.jar \
 *     dev.ssekit.benchmarks.topics.IdleTopics --topics=10000 --events=1,10,100
 * }</pre>
 */
public final class IdleTopics {
  private IdleTopics() {}

  /** A client that reads everything at once and never leaves. */
  private static final class IdleSink implements SubscriberSink {
    @Override
    public void write(List<byte[]> frames, Completion completion) {
      completion.completed();
    }

    @Override
    public void close() {}
  }

  public static void main(String[] args) throws Exception {
    Options o =
        new Options(
            args,
            "topics",
            "10000",
            "events",
            "1,10,100",
            "maxAgeSeconds",
            "20",
            "dataBytes",
            "40");
    int topics = o.integer("topics");
    Duration maxAge = Duration.ofSeconds(o.integer("maxAgeSeconds"));
    String padding = "x".repeat(Math.max(0, o.integer("dataBytes") - 24));

    System.out.print(Machine.describe());
    System.out.println(
        "- JVM arguments: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
    System.out.println("- options: " + String.join(" ", args));
    System.out.println();
    System.out.println(
        "| events per topic | frame bytes (avg) | windows full: B / topic | B / event |"
            + " one subscriber each: B / topic | expired: B / topic | hub alone: MiB |");
    System.out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (String e : o.list("events")) {
      int events = Integer.parseInt(e.trim());
      System.out.println(run(topics, events, maxAge, padding));
    }
  }

  private static String run(int topics, int events, Duration maxAge, String padding)
      throws InterruptedException {
    EventHub hub =
        EventHub.builder()
            .replayWindow(events, maxAge)
            .heartbeatInterval(
                Duration.ofSeconds(1)) // housekeeping (and window expiry) every 250 ms
            .build();
    try {
      long base = heapAfterGc();
      long started = System.nanoTime();
      long frameBytes = 0;
      for (int t = 0; t < topics; t++) {
        Topic topic = hub.topic("topic-" + t);
        for (int i = 0; i < events; i++) {
          // About dataBytes of JSON, as a small real event would carry.
          ServerSentEvent event =
              ServerSentEvent.of(
                  "tick", "{\"topic\":" + t + ",\"seq\":" + i + ",\"p\":\"" + padding + "\"}");
          String id = topic.publish(event);
          frameBytes += 4 + id.length() + 1 + SseEncoder.encode(event).length;
        }
      }
      long lastPublished = System.nanoTime();
      long full = heapAfterGc();

      List<Subscription> subscriptions = new ArrayList<>(topics);
      for (int t = 0; t < topics; t++) {
        subscriptions.add(hub.topic("topic-" + t).subscribe(new IdleSink(), null));
      }
      long followed = heapAfterGc();
      long filledWithin = System.nanoTime() - started;
      if (filledWithin > maxAge.toNanos() / 2) {
        throw new IllegalStateException(
            "filling and measuring took "
                + filledWithin / 1_000_000
                + " ms, too close to the windows' max age: raise --maxAgeSeconds");
      }
      subscriptions.forEach(Subscription::close);
      subscriptions.clear();

      // Let the last event age out, then a few housekeeping ticks drop the idle windows.
      long expiredAt = lastPublished + maxAge.toNanos() + Duration.ofSeconds(1).toNanos();
      while (System.nanoTime() < expiredAt || hub.subscriberCount() > 0) {
        Thread.sleep(100);
      }
      long expired = heapAfterGc();

      long total = (long) topics * events;
      return String.format(
          Locale.ROOT,
          "| %d | %.0f | %.0f | %.0f | %.0f | %.1f | %.1f |",
          events,
          (double) frameBytes / total,
          (double) (full - base) / topics,
          (double) (full - base) / total,
          (double) (followed - base) / topics,
          (double) (expired - base) / topics,
          base / (1024.0 * 1024));
    } finally {
      hub.close();
    }
  }

  /** Heap in use after full collections (three, so that what the first freed is gone too). */
  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
