package dev.ssekit.micrometer;

import dev.ssekit.hub.CloseReason;
import dev.ssekit.hub.EventLogObserver;
import dev.ssekit.hub.EventLogUnavailableException;
import dev.ssekit.hub.HubObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * Records what an {@link dev.ssekit.hub.EventHub} and a shared event log report into a Micrometer
 * {@link MeterRegistry}: give it to the hub as its {@link HubObserver} and to the log as its {@link
 * EventLogObserver}.
 *
 * <pre>{@code
 * SseMetrics metrics = SseMetrics.builder(registry).build();
 * EventHub hub =
 *     EventHub.builder()
 *         .observer(metrics)
 *         .eventLog(RedisEventLog.builder(redisUri).observer(metrics).build()) // if shared
 *         .build();
 * }</pre>
 *
 * <h2>Meters</h2>
 *
 * Names follow Micrometer's conventions (a registry renders them its own way: Prometheus shows
 * {@code ssekit.release} as {@code ssekit_release_total}); every tag has a few fixed values, except
 * {@code topic}, which only the topics the application names in {@link Builder#perTopic} get.
 *
 * <table>
 *   <caption>The hub's meters</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@code ssekit.subscribers}</td><td>gauge</td><td></td>
 *       <td>subscribers connected to this node now</td></tr>
 *   <tr><td>{@code ssekit.topic.subscribers}</td><td>gauge</td><td>{@code topic}</td>
 *       <td>the same, for each topic named in {@link Builder#perTopic}</td></tr>
 *   <tr><td>{@code ssekit.subscribe}</td><td>counter</td><td></td>
 *       <td>subscribers that joined</td></tr>
 *   <tr><td>{@code ssekit.release}</td><td>counter</td><td>{@code reason}: {@code client_gone},
 *       {@code too_slow}, {@code write_timeout}, {@code closed}, {@code hub_closed}, {@code replay_failed}</td>
 *       <td>subscribers released, by {@link CloseReason}</td></tr>
 *   <tr><td>{@code ssekit.events.published}</td><td>counter</td><td></td>
 *       <td>events published through this node's hub</td></tr>
 *   <tr><td>{@code ssekit.topic.events.published}</td><td>counter</td><td>{@code topic}</td>
 *       <td>the same, for each topic named in {@link Builder#perTopic}</td></tr>
 *   <tr><td>{@code ssekit.events.written}</td><td>counter</td><td></td>
 *       <td>events written to subscribers (each event once per subscriber): live, resent, and
 *       the reset and dropped markers</td></tr>
 *   <tr><td>{@code ssekit.frames.written}</td><td>counter</td><td></td>
 *       <td>blocks written to subscribers: events, heartbeats, retry hints, id-only blocks</td></tr>
 *   <tr><td>{@code ssekit.written}</td><td>counter, bytes</td><td></td>
 *       <td>bytes written to subscribers</td></tr>
 *   <tr><td>{@code ssekit.delivery.latency}</td><td>timer</td><td></td>
 *       <td>from an event reaching this node's fan-out to its write to a subscriber completed</td>
 *       </tr>
 *   <tr><td>{@code ssekit.heartbeats}</td><td>counter</td><td></td>
 *       <td>heartbeats sent to idle subscribers</td></tr>
 *   <tr><td>{@code ssekit.events.dropped}</td><td>counter</td><td></td>
 *       <td>events dropped from slow subscribers' queues ({@code DROP_OLDEST})</td></tr>
 *   <tr><td>{@code ssekit.replays}</td><td>counter</td><td>{@code outcome}: {@code resumed},
 *       {@code reset}, {@code failed}</td><td>subscribers that came with a {@code Last-Event-ID}:
 *       resumed from the replay window, sent the reset event, or released because the event log
 *       failed to answer ({@link CloseReason#REPLAY_FAILED})</td></tr>
 *   <tr><td>{@code ssekit.replay.events}</td><td>summary</td><td></td>
 *       <td>events resent to each resumed subscriber</td></tr>
 *   <tr><td>{@code ssekit.log.losses}</td><td>counter</td><td></td>
 *       <td>times the event log reported a followed topic's events lost</td></tr>
 *   <tr><td>{@code ssekit.refused}</td><td>counter</td><td>{@code reason}: {@code topic_denied},
 *       {@code invalid_last_event_id}, {@code origin_refused}</td>
 *       <td>requests to subscribe that were refused</td></tr>
 * </table>
 *
 * <table>
 *   <caption>The shared log's meters, registered when the log first reports</caption>
 *   <tr><th>Name</th><th>Type</th><th>Tags</th><th>What</th></tr>
 *   <tr><td>{@code ssekit.log.connected}</td><td>gauge</td><td></td>
 *       <td>1 while the log reaches its server, 0 during an outage and once the log is closed</td></tr>
 *   <tr><td>{@code ssekit.log.reconnects}</td><td>counter</td><td></td>
 *       <td>outages that ended</td></tr>
 *   <tr><td>{@code ssekit.log.append.errors}</td><td>counter</td><td>{@code maybe_appended}:
 *       {@code true}, {@code false}</td><td>failed appends (publishes)</td></tr>
 *   <tr><td>{@code ssekit.log.delivery.delay}</td><td>timer</td><td></td>
 *       <td>from the server's append to this node's delivery, by the two machines' clocks</td></tr>
 * </table>
 *
 * <p>Timers and the summary record count, total and maximum; percentiles and histograms are
 * configured as for any meter, with a {@code MeterFilter} on the registry.
 *
 * <p>One instance counts whatever reports to it: give each hub (and its log) its own, with a
 * distinguishing {@linkplain Builder#tags tag}, to see them apart in one registry ({@link
 * Builder#build} refuses a second instance with the same tags). The figures are kept in this
 * object; the registry reads them (counters and gauges are functions of them), so reporting costs
 * an increment. Thread-safe.
 */
public final class SseMetrics implements HubObserver, EventLogObserver {
  private final MeterRegistry registry;
  private final Tags tags;
  private final Predicate<String> perTopic;

  private final AtomicLong subscribers = new AtomicLong();
  private final LongAdder subscribes = new LongAdder();
  private final LongAdder[] releases = adders(CloseReason.values().length);
  private final LongAdder published = new LongAdder();
  private final LongAdder eventsWritten = new LongAdder();
  private final LongAdder frames = new LongAdder();
  private final LongAdder bytes = new LongAdder();
  private final Timer deliveryLatency;
  private final LongAdder heartbeats = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder resumed = new LongAdder();
  private final LongAdder resets = new LongAdder();
  private final DistributionSummary replayedEvents;
  private final LongAdder logLosses = new LongAdder();
  private final LongAdder[] refusals = adders(Refusal.values().length);
  private final ConcurrentHashMap<String, TopicFigures> topics = new ConcurrentHashMap<>();
  private volatile LogFigures log;

  private SseMetrics(Builder b) {
    this.registry = b.registry;
    this.tags = b.tags;
    this.perTopic = b.perTopic;
    // A registry hands back the meter it has for an id: a second instance with the same tags would
    // register nothing and share the first one's meters without a word.
    List<Meter> existing = new ArrayList<>(registry.find("ssekit.subscribers").meters());
    Gauge mine =
        gauge("ssekit.subscribers", tags, subscribers, "Subscribers connected to this node");
    if (existing.contains(mine)) {
      throw new IllegalArgumentException(
          "the registry already has ssekit meters tagged "
              + mine.getId().getTags()
              + " from another SseMetrics: give each instance its own tags (Builder.tags), or"
              + " share one instance");
    }
    counter("ssekit.subscribe", tags, subscribes, "Subscribers that joined", null);
    for (CloseReason r : CloseReason.values()) {
      counter(
          "ssekit.release",
          tags.and("reason", tagValue(r)),
          releases[r.ordinal()],
          "Subscribers released, by reason",
          null);
    }
    counter(
        "ssekit.events.published",
        tags,
        published,
        "Events published through this node's hub",
        null);
    counter(
        "ssekit.events.written",
        tags,
        eventsWritten,
        "Events written to subscribers, once per subscriber (live, resent, markers)",
        null);
    counter(
        "ssekit.frames.written",
        tags,
        frames,
        "Blocks written to subscribers (events, heartbeats, retry hints, id-only blocks)",
        null);
    counter("ssekit.written", tags, bytes, "Bytes written to subscribers", BaseUnits.BYTES);
    this.deliveryLatency =
        Timer.builder("ssekit.delivery.latency")
            .tags(tags)
            .description(
                "From an event reaching this node's fan-out to its write to a subscriber completed")
            .register(registry);
    counter("ssekit.heartbeats", tags, heartbeats, "Heartbeats sent to idle subscribers", null);
    counter(
        "ssekit.events.dropped",
        tags,
        dropped,
        "Events dropped from slow subscribers' queues",
        null);
    String replays = "Subscribers that came with a Last-Event-ID, by outcome";
    counter("ssekit.replays", tags.and("outcome", "resumed"), resumed, replays, null);
    counter("ssekit.replays", tags.and("outcome", "reset"), resets, replays, null);
    // A failed replay is a release for that reason: the same count under the replays' name.
    counter(
        "ssekit.replays",
        tags.and("outcome", "failed"),
        releases[CloseReason.REPLAY_FAILED.ordinal()],
        replays,
        null);
    this.replayedEvents =
        DistributionSummary.builder("ssekit.replay.events")
            .tags(tags)
            .baseUnit("events")
            .description("Events resent to each resumed subscriber")
            .register(registry);
    counter(
        "ssekit.log.losses",
        tags,
        logLosses,
        "Times the event log reported a followed topic's events lost",
        null);
    for (Refusal r : Refusal.values()) {
      counter(
          "ssekit.refused",
          tags.and("reason", tagValue(r)),
          refusals[r.ordinal()],
          "Requests to subscribe that were refused, by reason",
          null);
    }
  }

  /**
   * Starts configuring metrics recorded into {@code registry}.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public static Builder builder(MeterRegistry registry) {
    return new Builder(Objects.requireNonNull(registry, "registry"));
  }

  // ---------------------------------------------------------------------------------------------
  // HubObserver

  /** Counts the subscriber in; see {@link HubObserver#subscribed}. */
  @Override
  public void subscribed(String topic) {
    subscribers.incrementAndGet();
    subscribes.increment();
    TopicFigures t = topicFigures(topic);
    if (t != null) {
      t.subscribers.incrementAndGet();
    }
  }

  /** Counts the subscriber out; see {@link HubObserver#released}. */
  @Override
  public void released(String topic, CloseReason reason) {
    subscribers.decrementAndGet();
    releases[reason.ordinal()].increment();
    TopicFigures t = topics.get(topic);
    if (t != null) {
      t.subscribers.decrementAndGet();
    }
  }

  /** Counts the event; see {@link HubObserver#published}. */
  @Override
  public void published(String topic) {
    published.increment();
    TopicFigures t = topicFigures(topic);
    if (t != null) {
      t.published.increment();
    }
  }

  /** Counts the write's frames, events and bytes; see {@link HubObserver#written}. */
  @Override
  public void written(int frames, int events, long bytes) {
    this.frames.add(frames);
    eventsWritten.add(events);
    this.bytes.add(bytes);
  }

  /** Records the delivery latency; see {@link HubObserver#delivered}. */
  @Override
  public void delivered(long nanos) {
    deliveryLatency.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts the heartbeat; see {@link HubObserver#heartbeat}. */
  @Override
  public void heartbeat() {
    heartbeats.increment();
  }

  /** Counts the dropped events; see {@link HubObserver#dropped}. */
  @Override
  public void dropped(String topic, int events) {
    dropped.add(events);
  }

  /** Counts the resumption and records how many events it resends; see {@link HubObserver}. */
  @Override
  public void resumed(String topic, int events) {
    resumed.increment();
    replayedEvents.record(events);
  }

  /** Counts the reset; see {@link HubObserver#reset}. */
  @Override
  public void reset(String topic) {
    resets.increment();
  }

  /** Counts the loss; see {@link HubObserver#logLost}. */
  @Override
  public void logLost(String topic, int subscribers) {
    logLosses.increment();
  }

  /** Counts the refusal; see {@link HubObserver#refused}. */
  @Override
  public void refused(String topic, Refusal refusal) {
    refusals[refusal.ordinal()].increment();
  }

  // ---------------------------------------------------------------------------------------------
  // EventLogObserver

  /** Sets {@code ssekit.log.connected} to 1, counting a reconnect after an outage. */
  @Override
  public void connected() {
    LogFigures l = logFigures();
    if (l.connected.getAndSet(1) == 0) {
      l.reconnects.increment();
    }
  }

  /** Sets {@code ssekit.log.connected} to 0. */
  @Override
  public void disconnected() {
    logFigures().connected.set(0);
  }

  /** Counts the failed append; see {@link EventLogObserver#appendFailed}. */
  @Override
  public void appendFailed(String topic, EventLogUnavailableException failure) {
    LogFigures l = logFigures();
    (failure.mayHaveBeenAppended() ? l.appendErrorsMaybe : l.appendErrorsNot).increment();
  }

  /** Records the log's delivery delay; see {@link EventLogObserver#deliveredAfter}. */
  @Override
  public void deliveredAfter(String topic, long millis) {
    logFigures().deliveryDelay.record(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public String toString() {
    return "SseMetrics{" + tags + "}";
  }

  // ---------------------------------------------------------------------------------------------

  /** The figures of {@code topic} if the application named it, registered on first use. */
  private TopicFigures topicFigures(String topic) {
    TopicFigures t = topics.get(topic);
    if (t == null && topic != null && perTopic.test(topic)) {
      t = topics.computeIfAbsent(topic, TopicFigures::new);
    }
    return t;
  }

  /** The figures of one topic the application named: its meters carry a {@code topic} tag. */
  private final class TopicFigures {
    final AtomicLong subscribers = new AtomicLong();
    final LongAdder published = new LongAdder();

    TopicFigures(String topic) {
      Tags t = tags.and("topic", topic);
      gauge("ssekit.topic.subscribers", t, subscribers, "Subscribers of a topic on this node");
      counter(
          "ssekit.topic.events.published",
          t,
          published,
          "Events published to a topic through this node's hub",
          null);
    }
  }

  private LogFigures logFigures() {
    LogFigures l = log;
    if (l == null) {
      synchronized (this) {
        l = log;
        if (l == null) {
          l = new LogFigures();
          log = l;
        }
      }
    }
    return l;
  }

  /** The shared log's figures, registered when it first reports. */
  private final class LogFigures {
    // -1 until the log first says; a gauge of it exists only from then on.
    final AtomicLong connected = new AtomicLong(-1);
    final LongAdder reconnects = new LongAdder();
    final LongAdder appendErrorsMaybe = new LongAdder();
    final LongAdder appendErrorsNot = new LongAdder();
    final Timer deliveryDelay;

    LogFigures() {
      Gauge.builder("ssekit.log.connected", connected, c -> Math.max(c.get(), 0))
          .tags(tags)
          .description("1 while the event log reaches its server, 0 during an outage")
          .strongReference(true)
          .register(registry);
      counter("ssekit.log.reconnects", tags, reconnects, "Event log outages that ended", null);
      String errors = "Failed appends to the event log, by whether the event may be in it";
      counter(
          "ssekit.log.append.errors",
          tags.and("maybe_appended", "true"),
          appendErrorsMaybe,
          errors,
          null);
      counter(
          "ssekit.log.append.errors",
          tags.and("maybe_appended", "false"),
          appendErrorsNot,
          errors,
          null);
      this.deliveryDelay =
          Timer.builder("ssekit.log.delivery.delay")
              .tags(tags)
              .description("From the event log's append to this node's delivery")
              .register(registry);
    }
  }

  private void counter(
      String name, Tags tags, LongAdder adder, String description, String baseUnit) {
    FunctionCounter.builder(name, adder, LongAdder::doubleValue)
        .tags(tags)
        .description(description)
        .baseUnit(baseUnit)
        .register(registry);
  }

  private Gauge gauge(String name, Tags tags, AtomicLong value, String description) {
    return Gauge.builder(name, value, AtomicLong::doubleValue)
        .tags(tags)
        .description(description)
        .strongReference(true)
        .register(registry);
  }

  private static LongAdder[] adders(int n) {
    LongAdder[] adders = new LongAdder[n];
    for (int i = 0; i < n; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }

  private static String tagValue(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** Configures {@link SseMetrics}. */
  public static final class Builder {
    private final MeterRegistry registry;
    private Tags tags = Tags.empty();
    private Predicate<String> perTopic = topic -> false;

    private Builder(MeterRegistry registry) {
      this.registry = registry;
    }

    /**
     * Adds {@code tags} to every meter, for example {@code hub=orders} to tell several hubs apart
     * in one registry.
     *
     * @throws NullPointerException if {@code tags} or one of them is null
     */
    public Builder tags(Iterable<Tag> tags) {
      this.tags = this.tags.and(Objects.requireNonNull(tags, "tags"));
      return this;
    }

    /**
     * Which topics get meters of their own ({@code ssekit.topic.subscribers} and {@code
     * ssekit.topic.events.published}, tagged {@code topic}); default none. Each topic it accepts
     * adds two time series that stay for the life of the registry, and topic names may come from
     * clients, so accept a bounded set: {@code Set.of("chat", "prices")::contains}. It is asked on
     * subscribing and publishing, so it must be quick.
     *
     * @throws NullPointerException if {@code topics} is null
     */
    public Builder perTopic(Predicate<String> topics) {
      this.perTopic = Objects.requireNonNull(topics, "topics");
      return this;
    }

    /**
     * The metrics, with the hub's meters registered; the log's follow when a log first reports.
     *
     * @throws IllegalArgumentException if the registry already has the meters of another instance
     *     with the same tags: the two would share them, each counting into the other's figures
     */
    public SseMetrics build() {
      return new SseMetrics(this);
    }
  }
}
