package dev.ssekit.hub;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * A fan-out broadcaster for Server-Sent Events that knows no web framework: it encodes each
 * published event once and writes the same bytes to every subscriber, keeps a replay window for
 * clients that reconnect with {@code Last-Event-ID}, sends heartbeats, and handles subscribers that
 * read too slowly or vanish. Framework adapters connect it to their responses through {@link
 * SubscriberSink}; the replay window lives behind {@link EventLog}.
 *
 * <pre>{@code
 * EventHub hub = EventHub.builder().build();
 * hub.publish(new Ping(Instant.now()));          // typed, through its generated codec
 * hub.publish(ServerSentEvent.of("tick", "42")); // or a raw event
 * }</pre>
 *
 * <p><b>Ordering and replay.</b> Publishing is serialised: each event gets its id (its own, or the
 * next from the {@link EventIdGenerator}), goes into the log and into every subscriber's queue in
 * one step, so all subscribers see the log's order. A subscriber joins in one step too: its replay
 * (every logged event after its {@code Last-Event-ID}) is taken and it is added to the fan-out
 * together, so it receives each event exactly once, with no gap between replay and live events. An
 * id that is not in the window gets a reset event (by default of type {@value #RESET_EVENT_TYPE},
 * data the unknown id) instead of a silent gap. Ids are unique within the window: an event under an
 * id the window holds is refused (see {@link #publish(ServerSentEvent)}).
 *
 * <p><b>Threads.</b> Publishers never write to a connection: they encode and enqueue. A small
 * shared pool of delivery threads drains the queues, one write in flight per subscriber, and one
 * scheduler thread sends heartbeats and enforces the write timeout. Neither grows with the number
 * of subscribers.
 *
 * <p><b>Slow and vanished clients.</b> Each subscriber's queue is bounded by events and by bytes;
 * when it is full the {@link SlowSubscriberPolicy} applies. A failed write or a write that outlasts
 * the write timeout releases the subscriber. Every subscriber is released exactly once: its sink is
 * closed and its close callback runs.
 *
 * <p>Thread-safe. Close the hub to release all subscribers and stop its threads.
 */
public final class EventHub implements AutoCloseable {
  /** The type of the default event sent to a client whose {@code Last-Event-ID} is unknown. */
  public static final String RESET_EVENT_TYPE = "ssekit-reset";

  /** The type of the default marker event standing for events dropped from a slow subscriber. */
  public static final String DROPPED_EVENT_TYPE = "ssekit-dropped";

  /**
   * The name of the topic that {@link #publish(Object)}, {@link #subscribe(SubscriberSink, String)}
   * and the hub's other single-stream methods use.
   */
  public static final String DEFAULT_TOPIC = "default";

  private volatile CodecRegistry codecs;
  private final EventIds ids;
  private final TopicAuthorizer authorizer;
  private final CorsPolicy cors;
  private final EventLog log;
  private final HubThreads threads;
  private final Topics topics;
  private final Housekeeping housekeeping;
  private final ScheduledFuture<?> ticks;
  private final Topic defaultTopic;
  private final HubObserver observer;

  private EventHub(HubConfig config) {
    this.codecs = config.codecs;
    this.ids = new EventIds(config.maxLastEventIdLength);
    this.authorizer = config.authorizer;
    this.cors = config.cors;
    MemoryLog memoryLog = config.log == null ? config.memoryLog(ids) : null;
    this.log = memoryLog != null ? memoryLog : config.log;
    this.threads = new HubThreads(config);
    this.topics = new Topics(log, new DeliveryContext(config, threads));
    this.housekeeping = new Housekeeping(topics, memoryLog, config);
    this.ticks = threads.every(config.tickNanos(), housekeeping);
    this.defaultTopic = new Topic(this, DEFAULT_TOPIC);
    this.observer = config.observer;
  }

  /** A builder with the defaults described on each of its methods. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The topic named {@code name}, created on first use. Publishing to it and subscribing to it work
   * as the hub's own methods do for the {@linkplain #DEFAULT_TOPIC default topic}, with the topic's
   * own ids, replay window and subscribers.
   *
   * @param name 1 to 200 visible ASCII characters (no spaces or control characters), so that it
   *     stands unescaped in a URL path, a log line or a Redis key
   * @throws IllegalArgumentException if the name is not valid
   */
  public Topic topic(String name) {
    Objects.requireNonNull(name, "name");
    return DEFAULT_TOPIC.equals(name) ? defaultTopic : new Topic(this, EventIds.checkTopic(name));
  }

  /**
   * Publishes a typed event (a class annotated {@code @SseEvent}) through its codec from the
   * configured {@link CodecRegistry}, or a {@link ServerSentEvent} as {@link
   * #publish(ServerSentEvent)} does, to the default topic.
   *
   * @return the event's id: its own ({@code @SseId}) or the one assigned
   * @throws IllegalArgumentException if no codec is registered for the event's class, or its id is
   *     invalid or already in the replay window (see {@link #publish(ServerSentEvent)}); nothing is
   *     published then
   * @throws IllegalStateException if the hub is closed, or its {@link EventIdGenerator} made an
   *     unusable id
   * @throws EventLogUnavailableException if the hub's {@link EventLog} cannot take events now
   */
  public String publish(Object event) {
    return defaultTopic.publish(event);
  }

  /**
   * Publishes a typed event through {@code codec} to the default topic.
   *
   * @return the event's id: {@code codec.id(event)} or the one assigned
   * @throws IllegalArgumentException if the event's id is invalid or already in the replay window
   *     (see {@link #publish(ServerSentEvent)}); nothing is published then
   * @throws IllegalStateException if the hub is closed, or its {@link EventIdGenerator} made an
   *     unusable id
   * @throws EventLogUnavailableException if the hub's {@link EventLog} cannot take events now
   */
  public <T> String publish(T event, SseCodec<T> codec) {
    return defaultTopic.publish(event, codec);
  }

  /**
   * Publishes a raw event to the default topic. One without an id gets the next id from the {@link
   * EventIdGenerator} (or from the {@link EventLog}, for a log that assigns ids itself).
   *
   * <p>Ids are unique within a topic's replay window: replay finds the event a client resumes from
   * by its id, so a second event under an id the window still holds would make that client miss
   * everything in between. Such an event is refused. The latest event's id counts as in the window
   * even after it has aged out, because a client that received it still resumes from it. An id
   * that has left the window may be published again; a client still holding the old one then
   * resumes from the new event, so ids that never repeat (the default) are safest.
   *
   * @return the event's id
   * @throws IllegalArgumentException if its id is empty, longer than the longest accepted {@code
   *     Last-Event-ID}, or contains anything but visible ASCII (such an id could not come back
   *     unchanged in a {@code Last-Event-ID} header), or is already in the replay window, or the
   *     log assigns all ids itself; nothing is published then
   * @throws IllegalStateException if the hub is closed, or its {@link EventIdGenerator} made an
   *     unusable id (invalid, or already in the window)
   * @throws EventLogUnavailableException if the hub's {@link EventLog} cannot take events now
   */
  public String publish(ServerSentEvent event) {
    return defaultTopic.publish(event);
  }

  /** Subscribes a new client; see {@link #subscribe(SubscriberSink, String, Consumer)}. */
  public Subscription subscribe(SubscriberSink sink, String lastEventId) {
    return defaultTopic.subscribe(sink, lastEventId, null);
  }

  /**
   * Subscribes a new client to the default topic. It first receives the retry hint (or a
   * heartbeat, {@code ":\n\n"}, when none is configured), then, if {@code lastEventId} is given,
   * every event after it in the replay window (or the reset event when it is not in the window),
   * then live events. A client that does not resume (no {@code lastEventId}, or one outside the
   * window) also receives an id-only block with the latest event's id: it dispatches nothing, but
   * sets the client's last event ID, so that a client that drops before its first event still
   * resumes without loss.
   *
   * @param sink where this client's bytes go
   * @param lastEventId the client's {@code Last-Event-ID} header; {@code null} or empty for a new
   *     client
   * @param onClose called once when the subscriber is released, on a delivery thread; may be null
   * @throws InvalidLastEventIdException if {@code lastEventId} contains control characters or is
   *     longer than the configured maximum; nothing is subscribed then
   * @throws IllegalStateException if the hub is closed
   */
  public Subscription subscribe(
      SubscriberSink sink, String lastEventId, Consumer<? super Subscription> onClose) {
    return defaultTopic.subscribe(sink, lastEventId, onClose);
  }

  /**
   * Checks a {@code Last-Event-ID} value as {@link #subscribe} does, so an adapter can reject a bad
   * request before it commits a response.
   *
   * @return {@code lastEventId}
   * @throws InvalidLastEventIdException if it contains control characters or is too long
   */
  public String checkLastEventId(String lastEventId) {
    return checkLastEventId(null, lastEventId);
  }

  /** Checks {@code lastEventId}, reporting a refusal to the observer; {@code topic} may be null. */
  String checkLastEventId(String topic, String lastEventId) {
    try {
      return ids.checkLastEventId(lastEventId);
    } catch (InvalidLastEventIdException e) {
      refused(topic, HubObserver.Refusal.INVALID_LAST_EVENT_ID);
      throw e;
    }
  }

  void refused(String topic, HubObserver.Refusal refusal) {
    if (observer != null) {
      observer.refused(topic, refusal);
    }
  }

  /**
   * Ends every current subscriber's stream, of every topic ({@link CloseReason#CLOSED}), while the
   * hub stays open. Clients reconnect with their {@code Last-Event-ID} and resume from the replay
   * window: use it to move clients to another node before a restart, or to test reconnection.
   *
   * @return how many subscribers were released
   */
  public int disconnectAll() {
    return topics.releaseAll(CloseReason.CLOSED);
  }

  /**
   * The policy every HTTP adapter applies to this hub's streams and their preflights: the one given
   * to {@link Builder#cors(CorsPolicy)}, or {@link CorsPolicy#none()}.
   */
  public CorsPolicy corsPolicy() {
    return cors;
  }

  /**
   * Where adapters report what only they see, such as a request refused by the {@link
   * #corsPolicy() CORS policy}: the observer given to {@link Builder#observer(HubObserver)}, or
   * one that does nothing. An exception the observer throws is logged and goes no further.
   */
  public HubObserver observer() {
    return observer != null ? observer : NO_OBSERVER;
  }

  /** The number of subscribers of every topic on this node not yet released. */
  public int subscriberCount() {
    return topics.subscriberCount();
  }

  /**
   * Releases every subscriber ({@link CloseReason#HUB_CLOSED}), closes the {@link EventLog} and
   * stops the threads the hub started. Publishing or subscribing afterwards throws {@link
   * IllegalStateException}.
   */
  @Override
  public void close() {
    if (topics.close()) {
      ticks.cancel(false);
      try {
        log.close();
      } finally {
        threads.shutdown(); // after the queued sink closes and callbacks have run
      }
    }
  }

  @Override
  public String toString() {
    return "EventHub{subscribers=" + subscriberCount() + ", topics=" + topics.topicCount() + "}";
  }

  /** Runs one housekeeping tick now, on the caller's thread: for tests that move the clock. */
  void runHousekeeping() {
    housekeeping.run();
  }

  /** The number of topics with subscribers here, the default one included; for tests. */
  int liveTopicCount() {
    return topics.topicCount();
  }

  /** The hub's log; for tests. */
  EventLog eventLog() {
    return log;
  }

  String append(String topic, String ownId, byte[] body) {
    topics.checkOpen();
    // An event with no field at all still needs its blank line: the frame is its id line alone.
    String id = log.append(topic, ownId, body.length == 0 ? EMPTY_BODY : body);
    if (observer != null) {
      observer.published(topic);
    }
    return id;
  }

  private static final byte[] EMPTY_BODY = {'\n'};

  private static final HubObserver NO_OBSERVER = new HubObserver() {};

  EventIds ids() {
    return ids;
  }

  Topics topics() {
    return topics;
  }

  TopicAuthorizer authorizer() {
    return authorizer;
  }

  CodecRegistry codecs() {
    CodecRegistry c = codecs;
    if (c == null) {
      c = CodecRegistry.loadDefault();
      codecs = c;
    }
    return c;
  }

  /** Configures an {@link EventHub}. */
  public static final class Builder {
    private final HubConfig config = new HubConfig();

    private Builder() {}

    /**
     * Where {@link EventHub#publish(Object)} finds codecs; by default every codec the annotation
     * processor registered ({@code CodecRegistry.loadDefault()}).
     */
    public Builder codecs(CodecRegistry codecs) {
      config.codecs = Objects.requireNonNull(codecs, "codecs");
      return this;
    }

    /**
     * Keeps the topics' events in {@code log} instead of this process's memory, for example on
     * Redis Streams so that several nodes serve the same topics; {@link #replayWindow} and {@link
     * #ids} then have no effect (the log has its own). The hub closes the log when it closes.
     */
    public Builder eventLog(EventLog log) {
      config.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Bounds each topic's in-memory replay window: at most {@code maxEvents} events, none older than
     * {@code maxAge}. Default 1000 events, 5 minutes. A topic other than the default one is
     * forgotten once it has no subscriber on this node and its window has expired: a client
     * resuming on it later gets the reset event.
     */
    public Builder replayWindow(int maxEvents, Duration maxAge) {
      if (maxEvents <= 0) {
        throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
      }
      config.replayEvents = maxEvents;
      config.replayAge = positive(maxAge, "maxAge");
      return this;
    }

    /**
     * How the in-memory log makes ids for events published without one, one generator for all
     * topics; default {@link EventIdGenerator#perProcess()}.
     */
    public Builder ids(EventIdGenerator ids) {
      config.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * Decides which client may subscribe to which topic; default {@link
     * TopicAuthorizer#defaultTopicOnly()}. Asked by every HTTP adapter before it subscribes.
     */
    public Builder topicAuthorizer(TopicAuthorizer authorizer) {
      config.authorizer = Objects.requireNonNull(authorizer, "authorizer");
      return this;
    }

    /**
     * Which other origins may open this hub's streams from a browser, with credentials; default
     * {@link CorsPolicy#none()}, which adds no CORS header and refuses nothing. Kept next to the
     * {@link #topicAuthorizer(TopicAuthorizer) authorizer} because every HTTP adapter reads both
     * from the hub of the topic it serves, so a stream's rules live in one place whichever adapter
     * serves it.
     */
    public Builder cors(CorsPolicy policy) {
      config.cors = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Reports the hub's work to {@code observer}: subscribers, events, writes, drops, replays and
     * refusals, for metrics (for example {@code dev.ssekit.micrometer.SseMetrics}); default none. A
     * hub without an observer measures nothing for it.
     */
    public Builder observer(HubObserver observer) {
      config.observer = new GuardedObserver(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * The event sent to a client whose {@code Last-Event-ID} is not in the replay window, given
     * that id; default type {@value EventHub#RESET_EVENT_TYPE} with the id as data. The client
     * should reload its state. An id on the returned event is ignored.
     */
    public Builder resetEvent(Function<String, ServerSentEvent> resetEvent) {
      config.resetEvent = Objects.requireNonNull(resetEvent, "resetEvent");
      return this;
    }

    /**
     * The marker standing for events dropped under {@link SlowSubscriberPolicy#DROP_OLDEST}, given
     * their number; default type {@value EventHub#DROPPED_EVENT_TYPE} with the number as data. An
     * id on the returned event is ignored.
     */
    public Builder droppedEvent(IntFunction<ServerSentEvent> droppedEvent) {
      config.droppedEvent = Objects.requireNonNull(droppedEvent, "droppedEvent");
      return this;
    }

    /**
     * What to do with a subscriber whose queue is full; default {@link
     * SlowSubscriberPolicy#DISCONNECT}.
     */
    public Builder slowSubscriberPolicy(SlowSubscriberPolicy policy) {
      config.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Bounds each subscriber's queue of unsent events; default 1024 events and 1 MiB. Frames are
     * shared between subscribers, so the bytes bound limits how far one client may fall behind more
     * than it adds memory. A single event larger than the bound is still delivered, alone.
     */
    public Builder maxQueued(int events, long bytes) {
      if (events <= 0 || bytes <= 0) {
        throw new IllegalArgumentException(
            "queue bounds must be positive: " + events + ", " + bytes);
      }
      config.maxQueuedEvents = events;
      config.maxQueuedBytes = bytes;
      return this;
    }

    /**
     * The longest {@code Last-Event-ID} accepted, in characters, and so the longest id that may be
     * published; default 256.
     */
    public Builder maxLastEventIdLength(int length) {
      if (length <= 0) {
        throw new IllegalArgumentException("length must be positive: " + length);
      }
      config.maxLastEventIdLength = length;
      return this;
    }

    /**
     * The reconnection time sent to each client when it connects ({@code retry:}); default 3
     * seconds; {@code null} sends none (a heartbeat is sent instead, so the response starts at
     * once).
     */
    public Builder retry(Duration retry) {
      config.retry = retry == null ? null : notNegative(retry, "retry");
      return this;
    }

    /**
     * How long a subscriber may go without bytes before it gets a heartbeat comment; default 15
     * seconds, the spec's advice. Heartbeats keep proxies from timing the stream out and reveal
     * clients that have gone.
     */
    public Builder heartbeatInterval(Duration interval) {
      config.heartbeatInterval = positive(interval, "heartbeatInterval");
      return this;
    }

    /**
     * How long one write to a subscriber may take before the subscriber is released as {@link
     * CloseReason#WRITE_TIMEOUT}; default 10 seconds. Frees a delivery thread that a client which
     * stopped reading would otherwise hold.
     */
    public Builder writeTimeout(Duration timeout) {
      config.writeTimeout = positive(timeout, "writeTimeout");
      return this;
    }

    /**
     * The number of delivery threads the hub starts; default the number of processors, at least 2.
     * Ignored when {@link #deliveryExecutor} is set.
     */
    public Builder deliveryThreads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("threads must be positive: " + threads);
      }
      config.deliveryThreads = threads;
      return this;
    }

    /**
     * Runs deliveries on {@code executor} instead of the hub's own pool; the hub won't shut it
     * down.
     */
    public Builder deliveryExecutor(Executor executor) {
      config.deliveryExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Runs heartbeats, write timeouts and the closing of released subscribers' sinks on {@code
     * scheduler} instead of the hub's own thread; the hub won't shut it down.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      config.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Reads all time from {@code clock} instead of the system's clocks: the age of events in the
     * default replay window, and the idle and write times behind heartbeats and write timeouts. For
     * tests, which move the clock by hand; the hub's threads still tick in real time.
     */
    Builder clock(Clock clock) {
      config.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The hub, with its threads started. */
    public EventHub build() {
      return new EventHub(config);
    }

    private static Duration positive(Duration d, String name) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    private static Duration notNegative(Duration d, String name) {
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
