package dev.ssekit.hub;

import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseEncoder;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * together, so it receives each event exactly once, with no gap between replay and live events.
 * An id that is not in the window gets a reset event (by default of type {@value
 * #RESET_EVENT_TYPE}, data the unknown id) instead of a silent gap.
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

  private static final System.Logger LOG = System.getLogger(EventHub.class.getName());

  private final Object lock = new Object();
  // Guarded by lock.
  private final List<HubSubscriber> subscribers = new ArrayList<>();
  private final SseEncoder encoder = new SseEncoder();
  private String latestId;
  private boolean closed;

  private volatile int subscriberCount;

  private volatile CodecRegistry codecs;
  private final EventLog log;
  private final EventIdGenerator ids;
  private final Function<String, ServerSentEvent> resetEvent;
  private final IntFunction<ServerSentEvent> droppedEvent;
  private final SlowSubscriberPolicy policy;
  private final int maxQueuedEvents;
  private final long maxQueuedBytes;
  private final int maxLastEventIdLength;
  private final byte[] preamble;
  private final byte[] heartbeat;
  private final long heartbeatIdleNanos;
  private final long writeTimeoutNanos;
  private final Executor delivery;
  private final ExecutorService ownedDelivery;
  private final ScheduledExecutorService scheduler;
  private final ScheduledExecutorService ownedScheduler;
  private final ScheduledFuture<?> tick;

  private EventHub(Builder b) {
    this.codecs = b.codecs;
    this.log = b.log != null ? b.log : new InMemoryEventLog(b.replayEvents, b.replayAge);
    this.ids = b.ids;
    this.resetEvent = b.resetEvent;
    this.droppedEvent = b.droppedEvent;
    this.policy = b.policy;
    this.maxQueuedEvents = b.maxQueuedEvents;
    this.maxQueuedBytes = b.maxQueuedBytes;
    this.maxLastEventIdLength = b.maxLastEventIdLength;
    this.heartbeat = new SseEncoder().appendComment("").toByteArray();
    this.preamble =
        b.retry != null ? new SseEncoder().appendRetry(b.retry.toMillis()).toByteArray() : heartbeat;
    this.writeTimeoutNanos = b.writeTimeout.toNanos();
    long heartbeatNanos = b.heartbeatInterval.toNanos();
    long tickNanos = Math.max(Math.min(heartbeatNanos, writeTimeoutNanos) / 4, 1_000_000L);
    // A heartbeat goes out once a subscriber has been idle for one interval less one tick, so the
    // gap a client sees never exceeds the interval.
    this.heartbeatIdleNanos = Math.max(heartbeatNanos - tickNanos, 0);
    if (b.deliveryExecutor != null) {
      this.delivery = b.deliveryExecutor;
      this.ownedDelivery = null;
    } else {
      this.ownedDelivery =
          Executors.newFixedThreadPool(b.deliveryThreads, daemonThreads("ssekit-hub-delivery"));
      this.delivery = ownedDelivery;
    }
    ScheduledExecutorService scheduler = b.scheduler;
    if (scheduler == null) {
      this.ownedScheduler =
          Executors.newSingleThreadScheduledExecutor(daemonThreads("ssekit-hub-scheduler"));
      scheduler = ownedScheduler;
    } else {
      this.ownedScheduler = null;
    }
    this.scheduler = scheduler;
    this.tick =
        scheduler.scheduleWithFixedDelay(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
  }

  /** A builder with the defaults described on each of its methods. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------- publishing

  /**
   * Publishes a typed event (a class annotated {@code @SseEvent}) through its codec from the
   * configured {@link CodecRegistry}, or a {@link ServerSentEvent} as {@link
   * #publish(ServerSentEvent)} does.
   *
   * @return the event's id: its own ({@code @SseId}) or the one assigned
   * @throws IllegalArgumentException if no codec is registered for the event's class, or its id is
   *     invalid (see {@link #publish(ServerSentEvent)}); nothing is published then
   * @throws IllegalStateException if the hub is closed
   */
  public String publish(Object event) {
    Objects.requireNonNull(event, "event");
    if (event instanceof ServerSentEvent) {
      return publish((ServerSentEvent) event);
    }
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) event.getClass();
    return publish(event, codecs().codecFor(type));
  }

  /**
   * Publishes a typed event through {@code codec}.
   *
   * @return the event's id: {@code codec.id(event)} or the one assigned
   * @throws IllegalArgumentException if the event's id is invalid; nothing is published then
   * @throws IllegalStateException if the hub is closed
   */
  public <T> String publish(T event, SseCodec<T> codec) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(codec, "codec");
    String ownId = codec.id(event);
    if (ownId != null) {
      checkPublishedId(ownId);
    }
    synchronized (lock) {
      checkOpen();
      String id = ownId != null ? ownId : nextId();
      encoder.reset();
      encoder.append(event, codec, id);
      fanOut(id, encoder.toByteArray());
      return id;
    }
  }

  /**
   * Publishes a raw event. One without an id gets the next id from the {@link EventIdGenerator}.
   *
   * @return the event's id
   * @throws IllegalArgumentException if its id is empty, longer than the longest accepted {@code
   *     Last-Event-ID}, or contains anything but visible ASCII (such an id could not come back
   *     unchanged in a {@code Last-Event-ID} header); nothing is published then
   * @throws IllegalStateException if the hub is closed
   */
  public String publish(ServerSentEvent event) {
    Objects.requireNonNull(event, "event");
    if (event.id() != null) {
      checkPublishedId(event.id());
    }
    synchronized (lock) {
      checkOpen();
      ServerSentEvent withId = event.id() != null ? event : event.toBuilder().id(nextId()).build();
      encoder.reset();
      encoder.append(withId);
      fanOut(withId.id(), encoder.toByteArray());
      return withId.id();
    }
  }

  private String nextId() {
    String id = ids.nextId();
    try {
      return checkPublishedId(Objects.requireNonNull(id, "the id generator returned null"));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("the hub's EventIdGenerator made an invalid id", e);
    }
  }

  /** Logs the frame and queues it for every subscriber. Called with the lock held. */
  private void fanOut(String id, byte[] frame) {
    log.append(id, frame);
    latestId = id;
    long now = System.nanoTime();
    List<HubSubscriber> tooSlow = null;
    for (int i = 0, n = subscribers.size(); i < n; i++) {
      HubSubscriber s = subscribers.get(i);
      if (!s.enqueue(frame, now)) {
        if (tooSlow == null) {
          tooSlow = new ArrayList<>();
        }
        tooSlow.add(s);
      }
    }
    if (tooSlow != null) {
      for (HubSubscriber s : tooSlow) {
        release(s, CloseReason.TOO_SLOW, null);
      }
    }
  }

  private String checkPublishedId(String id) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "event id must not be empty (an empty id resets the client's last event id; publish"
              + " without an id to have one assigned)");
    }
    if (id.length() > maxLastEventIdLength) {
      throw new IllegalArgumentException(
          "event id is longer than "
              + maxLastEventIdLength
              + " characters, the longest Last-Event-ID this hub accepts: "
              + shorten(id));
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c <= ' ' || c >= 0x7F) {
        throw new IllegalArgumentException(
            "event id must be visible ASCII (no spaces or control characters) so that it comes"
                + " back unchanged in Last-Event-ID; invalid character U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i
                + " in "
                + shorten(id));
      }
    }
    return id;
  }

  // --------------------------------------------------------------------------------- subscribing

  /** Subscribes a new client; see {@link #subscribe(SubscriberSink, String, Consumer)}. */
  public Subscription subscribe(SubscriberSink sink, String lastEventId) {
    return subscribe(sink, lastEventId, null);
  }

  /**
   * Subscribes a new client. It first receives the retry hint (or a comment when none is
   * configured), then, if {@code lastEventId} is given, every event after it in the replay window
   * (or the reset event when it is not in the window), then live events. A client that does not
   * resume (no {@code lastEventId}, or one outside the window) also receives an id-only block with
   * the latest event's id: it dispatches nothing, but sets the client's last event ID, so that a
   * client that drops before its first event still resumes without loss.
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
    Objects.requireNonNull(sink, "sink");
    String last = lastEventId == null || lastEventId.isEmpty() ? null : checkLastEventId(lastEventId);
    HubSubscriber s = new HubSubscriber(this, sink, onClose);
    synchronized (lock) {
      checkOpen();
      List<byte[]> first = new ArrayList<>(3);
      first.add(preamble);
      EventLog.Replay replay = last == null ? null : log.replayAfter(last);
      boolean resumes = replay != null && replay.isKnown();
      if (replay != null && !resumes) {
        first.add(encodeWithoutId(resetEvent.apply(last)));
      }
      if (!resumes && latestId != null) {
        // An id-only block moves the client's last event ID to the present without dispatching
        // anything, so a client that drops before its first event still resumes from here.
        first.add(idOnlyFrame(latestId));
      }
      s.addReplay(first);
      if (resumes) {
        s.addReplay(replay.frames());
      }
      s.index = subscribers.size();
      subscribers.add(s);
      subscriberCount = subscribers.size();
    }
    s.start();
    return s;
  }

  /**
   * Checks a {@code Last-Event-ID} value as {@link #subscribe} does, so an adapter can reject a bad
   * request before it commits a response.
   *
   * @return {@code lastEventId}
   * @throws InvalidLastEventIdException if it contains control characters or is too long
   */
  public String checkLastEventId(String lastEventId) {
    if (lastEventId.length() > maxLastEventIdLength) {
      throw new InvalidLastEventIdException(
          "Last-Event-ID is longer than " + maxLastEventIdLength + " characters");
    }
    for (int i = 0; i < lastEventId.length(); i++) {
      char c = lastEventId.charAt(i);
      if (c < ' ' || c == 0x7F) {
        throw new InvalidLastEventIdException(
            "Last-Event-ID contains the control character U+"
                + String.format("%04X", (int) c)
                + " at index "
                + i);
      }
    }
    return lastEventId;
  }

  /**
   * Ends every current subscriber's stream ({@link CloseReason#CLOSED}) while the hub stays open.
   * Clients reconnect with their {@code Last-Event-ID} and resume from the replay window: use it
   * to move clients to another node before a restart, or to test reconnection.
   *
   * @return how many subscribers were released
   */
  public int disconnectAll() {
    List<HubSubscriber> all;
    synchronized (lock) {
      all = new ArrayList<>(subscribers);
    }
    for (HubSubscriber s : all) {
      release(s, CloseReason.CLOSED, null);
    }
    return all.size();
  }

  /** The number of subscribers not yet released. */
  public int subscriberCount() {
    return subscriberCount;
  }

  // ------------------------------------------------------------------------------------ internals

  /** Releases {@code s} once: out of the fan-out, sink closed, callback run. */
  void release(HubSubscriber s, CloseReason reason, Throwable cause) {
    if (!s.markClosed(reason)) {
      return;
    }
    synchronized (lock) {
      int i = s.index;
      if (i >= 0) {
        HubSubscriber last = subscribers.remove(subscribers.size() - 1);
        if (last != s) {
          subscribers.set(i, last);
          last.index = i;
        }
        s.index = -1;
      }
      subscriberCount = subscribers.size();
    }
    if (cause != null) {
      LOG.log(Level.DEBUG, () -> "subscriber released: " + reason, cause);
    }
    // The sink is closed on the scheduler thread, not a delivery thread: closing is what aborts a
    // write stuck on a client that stopped reading, and when such clients occupy every delivery
    // thread, a close queued behind them would wait for the container's own write timeout.
    AtomicBoolean closed = new AtomicBoolean();
    Runnable close =
        () -> {
          if (closed.compareAndSet(false, true)) {
            closeSinkQuietly(s);
            execute(() -> runOnClose(s));
          }
        };
    try {
      scheduler.execute(close);
    } catch (RejectedExecutionException e) {
      close.run();
      return;
    }
    if (scheduler.isShutdown()) {
      // A task submitted while the scheduler shuts down can be cancelled instead of rejected or
      // run; closing here as well (once, by the guard) means no release is ever lost.
      close.run();
    }
  }

  private static void closeSinkQuietly(HubSubscriber s) {
    try {
      s.sink().close();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "SubscriberSink.close() threw", e);
    }
  }

  private static void runOnClose(HubSubscriber s) {
    Consumer<? super Subscription> onClose = s.onClose();
    if (onClose != null) {
      try {
        onClose.accept(s);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a subscriber's close callback threw", e);
      }
    }
  }

  /** Runs {@code task} on a delivery thread; inline once the hub's own pool has shut down. */
  void execute(Runnable task) {
    try {
      delivery.execute(task);
    } catch (RejectedExecutionException e) {
      task.run();
    }
  }

  SlowSubscriberPolicy slowSubscriberPolicy() {
    return policy;
  }

  int maxQueuedEvents() {
    return maxQueuedEvents;
  }

  long maxQueuedBytes() {
    return maxQueuedBytes;
  }

  byte[] droppedMarker(int dropped) {
    return new SseEncoder().append(withoutId(droppedEvent.apply(dropped))).toByteArray();
  }

  private byte[] idOnlyFrame(String id) {
    encoder.reset();
    return encoder.append(ServerSentEvent.builder().id(id).build()).toByteArray();
  }

  private byte[] encodeWithoutId(ServerSentEvent event) {
    encoder.reset();
    return encoder.append(withoutId(event)).toByteArray();
  }

  private static ServerSentEvent withoutId(ServerSentEvent event) {
    // Markers must not move the client's last event id, or a reconnect would skip real events.
    return event.id() == null ? event : event.toBuilder().id(null).build();
  }

  /** Heartbeats and write timeouts, on the scheduler thread. */
  private void tick() {
    try {
      long now = System.nanoTime();
      synchronized (lock) {
        List<HubSubscriber> stuck = null;
        for (int i = 0, n = subscribers.size(); i < n; i++) {
          HubSubscriber s = subscribers.get(i);
          if (s.writeTimedOut(now, writeTimeoutNanos)) {
            if (stuck == null) {
              stuck = new ArrayList<>();
            }
            stuck.add(s);
          } else {
            s.offerHeartbeat(heartbeat, now, heartbeatIdleNanos);
          }
        }
        if (stuck != null) {
          for (HubSubscriber s : stuck) {
            release(s, CloseReason.WRITE_TIMEOUT, null);
          }
        }
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "hub housekeeping failed", e);
    }
  }

  private CodecRegistry codecs() {
    CodecRegistry c = codecs;
    if (c == null) {
      c = CodecRegistry.loadDefault();
      codecs = c;
    }
    return c;
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the hub is closed");
    }
  }

  /**
   * Releases every subscriber ({@link CloseReason#HUB_CLOSED}) and stops the threads the hub
   * started. Publishing or subscribing afterwards throws {@link IllegalStateException}.
   */
  @Override
  public void close() {
    List<HubSubscriber> all;
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      all = new ArrayList<>(subscribers);
    }
    tick.cancel(false);
    for (HubSubscriber s : all) {
      release(s, CloseReason.HUB_CLOSED, null);
    }
    if (ownedScheduler != null) {
      ownedScheduler.shutdown(); // lets the queued sink closes run; the tick is cancelled
    }
    if (ownedDelivery != null) {
      ownedDelivery.shutdown(); // lets the queued sink closes and callbacks run
    }
  }

  @Override
  public String toString() {
    return "EventHub{subscribers=" + subscriberCount + ", policy=" + policy + "}";
  }

  private static String shorten(String s) {
    return '"' + (s.length() > 64 ? s.substring(0, 64) + "..." : s) + '"';
  }

  private static ThreadFactory daemonThreads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Configures an {@link EventHub}. */
  public static final class Builder {
    private CodecRegistry codecs;
    private EventLog log;
    private int replayEvents = InMemoryEventLog.DEFAULT_MAX_EVENTS;
    private Duration replayAge = InMemoryEventLog.DEFAULT_MAX_AGE;
    private EventIdGenerator ids = EventIdGenerator.perProcess();
    private Function<String, ServerSentEvent> resetEvent =
        id -> ServerSentEvent.of(RESET_EVENT_TYPE, id);
    private IntFunction<ServerSentEvent> droppedEvent =
        n -> ServerSentEvent.of(DROPPED_EVENT_TYPE, Integer.toString(n));
    private SlowSubscriberPolicy policy = SlowSubscriberPolicy.DISCONNECT;
    private int maxQueuedEvents = 1024;
    private long maxQueuedBytes = 1 << 20;
    private int maxLastEventIdLength = 256;
    private Duration retry = Duration.ofSeconds(3);
    private Duration heartbeatInterval = Duration.ofSeconds(15);
    private Duration writeTimeout = Duration.ofSeconds(10);
    private Executor deliveryExecutor;
    private int deliveryThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
    private ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * Where {@link EventHub#publish(Object)} finds codecs; by default every codec the annotation
     * processor registered ({@code CodecRegistry.loadDefault()}).
     */
    public Builder codecs(CodecRegistry codecs) {
      this.codecs = Objects.requireNonNull(codecs, "codecs");
      return this;
    }

    /**
     * The event log, replacing the default {@link InMemoryEventLog}; {@link #replayWindow} then has
     * no effect.
     */
    public Builder eventLog(EventLog log) {
      this.log = Objects.requireNonNull(log, "log");
      return this;
    }

    /**
     * Bounds the default in-memory replay window: at most {@code maxEvents} events, none older
     * than {@code maxAge}. Default 1000 events, 5 minutes.
     */
    public Builder replayWindow(int maxEvents, Duration maxAge) {
      if (maxEvents <= 0) {
        throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
      }
      this.replayEvents = maxEvents;
      this.replayAge = positive(maxAge, "maxAge");
      return this;
    }

    /** How ids are made for events published without one; default {@link EventIdGenerator#perProcess()}. */
    public Builder ids(EventIdGenerator ids) {
      this.ids = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * The event sent to a client whose {@code Last-Event-ID} is not in the replay window, given that
     * id; default type {@value EventHub#RESET_EVENT_TYPE} with the id as data. The client should
     * reload its state. An id on the returned event is ignored.
     */
    public Builder resetEvent(Function<String, ServerSentEvent> resetEvent) {
      this.resetEvent = Objects.requireNonNull(resetEvent, "resetEvent");
      return this;
    }

    /**
     * The marker standing for events dropped under {@link SlowSubscriberPolicy#DROP_OLDEST}, given
     * their number; default type {@value EventHub#DROPPED_EVENT_TYPE} with the number as data. An id
     * on the returned event is ignored.
     */
    public Builder droppedEvent(IntFunction<ServerSentEvent> droppedEvent) {
      this.droppedEvent = Objects.requireNonNull(droppedEvent, "droppedEvent");
      return this;
    }

    /** What to do with a subscriber whose queue is full; default {@link SlowSubscriberPolicy#DISCONNECT}. */
    public Builder slowSubscriberPolicy(SlowSubscriberPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Bounds each subscriber's queue of unsent events; default 1024 events and 1 MiB. Frames are
     * shared between subscribers, so the bytes bound limits how far one client may fall behind more
     * than it adds memory. A single event larger than the bound is still delivered, alone.
     */
    public Builder maxQueued(int events, long bytes) {
      if (events <= 0 || bytes <= 0) {
        throw new IllegalArgumentException("queue bounds must be positive: " + events + ", " + bytes);
      }
      this.maxQueuedEvents = events;
      this.maxQueuedBytes = bytes;
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
      this.maxLastEventIdLength = length;
      return this;
    }

    /**
     * The reconnection time sent to each client when it connects ({@code retry:}); default 3
     * seconds; {@code null} sends none (an empty comment is sent instead, so the response starts
     * at once).
     */
    public Builder retry(Duration retry) {
      this.retry = retry == null ? null : notNegative(retry, "retry");
      return this;
    }

    /**
     * How long a subscriber may go without bytes before it gets a heartbeat comment; default 15
     * seconds, the spec's advice. Heartbeats keep proxies from timing the stream out and reveal
     * clients that have gone.
     */
    public Builder heartbeatInterval(Duration interval) {
      this.heartbeatInterval = positive(interval, "heartbeatInterval");
      return this;
    }

    /**
     * How long one write to a subscriber may take before the subscriber is released as {@link
     * CloseReason#WRITE_TIMEOUT}; default 10 seconds. Frees a delivery thread that a client which
     * stopped reading would otherwise hold.
     */
    public Builder writeTimeout(Duration timeout) {
      this.writeTimeout = positive(timeout, "writeTimeout");
      return this;
    }

    /**
     * The number of delivery threads the hub starts; default the number of processors, at least
     * 2. Ignored when {@link #deliveryExecutor} is set.
     */
    public Builder deliveryThreads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("threads must be positive: " + threads);
      }
      this.deliveryThreads = threads;
      return this;
    }

    /** Runs deliveries on {@code executor} instead of the hub's own pool; the hub won't shut it down. */
    public Builder deliveryExecutor(Executor executor) {
      this.deliveryExecutor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Runs heartbeats, write timeouts and the closing of released subscribers' sinks on {@code
     * scheduler} instead of the hub's own thread; the hub won't shut it down.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /** The hub, with its threads started. */
    public EventHub build() {
      return new EventHub(this);
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
