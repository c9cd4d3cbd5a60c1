package dev.ssekit.client;

import dev.ssekit.client.internal.CallbackOutbox;
import dev.ssekit.client.internal.ClientConfig;
import dev.ssekit.client.internal.EventPublisher;
import dev.ssekit.client.internal.PullCursor;
import dev.ssekit.client.internal.PullOutbox;
import dev.ssekit.client.internal.Shared;
import dev.ssekit.client.internal.Signal;
import dev.ssekit.client.internal.StreamEngine;
import dev.ssekit.client.internal.TypeRoute;
import dev.ssekit.client.internal.TypedDecoder;
import dev.ssekit.core.CodecRegistry;
import dev.ssekit.core.ServerSentEvent;
import dev.ssekit.core.SseCodec;
import dev.ssekit.core.SseLimits;
import dev.ssekit.core.internal.FieldRules;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An EventSource for Java: reads a {@code text/event-stream} over {@link HttpClient}, reconnects as
 * the browser does (retry delay, {@code Last-Event-ID}), and calls listeners — typed ones with
 * objects decoded by the codecs the annotation processor generates.
 *
 * <pre>{@code
 * EventSource source = EventSource.builder(URI.create("https://example.com/events")).build();
 * source.on(Ping.class, ping -> System.out.println("ping at " + ping.time()))
 *     .onMessage(e -> System.out.println(e.data()))
 *     .onError(e -> System.err.println(e.reason() + ": " + e.getMessage()))
 *     .connect();
 * ...
 * source.close();
 * }</pre>
 *
 * <p>Listeners of one source are called one at a time, in stream order, on the configured executor
 * (by default on the HttpClient's threads: keep listeners short or configure an executor). A
 * listener that throws is reported to {@link #onError} as {@link
 * EventSourceException.Reason#LISTENER} and the stream goes on. Listeners may be added at any time
 * and may call {@link #close()}.
 *
 * <p>No thread is held per source: bytes are parsed as the HttpClient delivers them, and delays and
 * idle checks share one daemon timer. Thread-safe.
 */
public final class EventSource implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(EventSource.class.getName());

  private final URI uri;
  private final CodecRegistry configuredRegistry;
  private volatile CodecRegistry registry;
  private final StreamEngine engine;
  private final Map<String, List<BiConsumer<ServerSentEvent, String>>> listeners =
      new ConcurrentHashMap<>();
  private final Map<String, List<TypedDecoder<?>>> typedListeners = new ConcurrentHashMap<>();
  private final List<Consumer<? super HttpResponse.ResponseInfo>> openListeners =
      new CopyOnWriteArrayList<>();
  private final List<Consumer<? super EventSourceException>> errorListeners =
      new CopyOnWriteArrayList<>();
  private final List<Consumer<? super String>> commentListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> closeListeners = new CopyOnWriteArrayList<>();

  private EventSource(ClientConfig config, CodecRegistry registry) {
    this.uri = config.uri();
    this.configuredRegistry = registry;
    this.engine = new StreamEngine(config, new CallbackOutbox(config.executor(), this::dispatch));
  }

  /** A builder for a source reading {@code uri}. */
  public static Builder builder(URI uri) {
    return new Builder(uri);
  }

  /**
   * Starts connecting. Add listeners first to see every event. Calling it again, or after {@link
   * #close()}, does nothing.
   */
  public EventSource connect() {
    engine.start();
    return this;
  }

  /**
   * Calls {@code listener} with each event whose type is {@code type}'s event name, decoded by the
   * type's codec from the registry.
   *
   * @throws IllegalArgumentException if the registry has no codec for {@code type} (usually: the
   *     annotation processor is not configured, or the class lacks {@code @SseEvent})
   */
  public <T> EventSource on(Class<T> type, Consumer<? super T> listener) {
    Objects.requireNonNull(listener, "listener");
    return addTyped(type, (value, event, lastEventId) -> listener.accept(value));
  }

  /**
   * As {@link #on(Class, Consumer)}, with each decoded object in a {@link MessageEvent} that also
   * gives the event as read and the browser's {@link MessageEvent#lastEventId()}.
   *
   * @throws IllegalArgumentException if the registry has no codec for {@code type}
   */
  public <T> EventSource onEvent(Class<T> type, Consumer<? super MessageEvent<T>> listener) {
    Objects.requireNonNull(listener, "listener");
    return addTyped(
        type,
        (value, event, lastEventId) ->
            listener.accept(new MessageEvent<>(event, value, lastEventId)));
  }

  private <T> EventSource addTyped(Class<T> type, TypedDecoder.Listener<T> listener) {
    SseCodec<T> codec = registry().codecFor(Objects.requireNonNull(type, "type"));
    typedListeners
        .computeIfAbsent(codec.eventName(), k -> new CopyOnWriteArrayList<>())
        .add(new TypedDecoder<>(codec, listener));
    return this;
  }

  /** Calls {@code listener} with each event of type {@code type} (like addEventListener). */
  public EventSource on(String type, Consumer<? super ServerSentEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    return addPlain(type, (event, lastEventId) -> listener.accept(event));
  }

  /**
   * As {@link #on(String, Consumer)}, with each event in a {@link MessageEvent} that also gives the
   * browser's {@link MessageEvent#lastEventId()}: the connection's last event ID at dispatch, which
   * an earlier event or an id-only block may have set.
   */
  public EventSource onEvent(
      String type, Consumer<? super MessageEvent<ServerSentEvent>> listener) {
    Objects.requireNonNull(listener, "listener");
    return addPlain(
        type,
        (event, lastEventId) -> listener.accept(new MessageEvent<>(event, event, lastEventId)));
  }

  private EventSource addPlain(String type, BiConsumer<ServerSentEvent, String> listener) {
    FieldRules.checkType(Objects.requireNonNull(type, "type"));
    listeners.computeIfAbsent(type, k -> new CopyOnWriteArrayList<>()).add(listener);
    return this;
  }

  /** Calls {@code listener} with each event of type {@code message} (no {@code event:} field). */
  public EventSource onMessage(Consumer<? super ServerSentEvent> listener) {
    return on(ServerSentEvent.DEFAULT_TYPE, listener);
  }

  /** Calls {@code listener} each time a connection opens, with its status and headers. */
  public EventSource onOpen(Consumer<? super HttpResponse.ResponseInfo> listener) {
    openListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Calls {@code listener} with each error: {@link EventSourceException#willReconnect()} tells a
   * passing problem from one that closed the source.
   */
  public EventSource onError(Consumer<? super EventSourceException> listener) {
    errorListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /**
   * Calls {@code listener} with each comment line, such as a server's heartbeat ({@code :
   * keep-alive}), without its colon and one leading space. Comments are never part of an event's
   * data; a comment inside an event's block is also in that event's {@link
   * ServerSentEvent#comment()}.
   */
  public EventSource onComment(Consumer<? super String> listener) {
    commentListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Calls {@code listener} once when the source closes, for whatever reason. */
  public EventSource onClose(Runnable listener) {
    closeListeners.add(Objects.requireNonNull(listener, "listener"));
    return this;
  }

  /** Connecting (also while waiting to reconnect), open, or closed. */
  public ReadyState readyState() {
    return engine.state();
  }

  /** The last event ID received, which a reconnect sends as {@code Last-Event-ID}; or "". */
  public String lastEventId() {
    return engine.lastEventId();
  }

  /**
   * Drops the current connection, or the wait before the next one, and connects again at once with
   * {@code Last-Event-ID}, for example after refreshing a token that the {@link RequestCustomizer}
   * adds. Events already read are still delivered; no error is reported; open listeners see the new
   * connection. It is not a failure: the backoff starts over. Does nothing before {@link
   * #connect()} or after {@link #close()}.
   *
   * <p>A GET stream restarts with a GET. A stream opened with another {@link Builder#method} sends
   * what {@link Builder#reconnectWith} says, and without it cannot restart: re-sending a POST may
   * repeat what it did.
   *
   * @throws IllegalStateException for a stream opened with a method other than GET without {@link
   *     Builder#reconnectWith}, whatever its state; the message says which to choose
   */
  public void restart() {
    engine.restart();
  }

  /** The URL this source reads. */
  public URI uri() {
    return uri;
  }

  /**
   * Closes at once: cancels the request or body in flight and any pending reconnect, without
   * waiting for the server. No events are delivered after it; close listeners run once.
   */
  @Override
  public void close() {
    engine.close();
  }

  private CodecRegistry registry() {
    CodecRegistry r = registry;
    if (r == null) {
      r = configuredRegistry != null ? configuredRegistry : CodecRegistry.loadDefault();
      registry = r;
    }
    return r;
  }

  private void dispatch(Signal s) {
    switch (s.kind()) {
      case OPEN:
        for (Consumer<? super HttpResponse.ResponseInfo> l : openListeners) {
          guarded(() -> l.accept(s.response()), "open listener");
        }
        break;
      case EVENT:
        dispatchEvent(s.event(), s.lastEventId());
        break;
      case COMMENT:
        for (Consumer<? super String> l : commentListeners) {
          guarded(() -> l.accept(s.comment()), "comment listener");
        }
        break;
      case ERROR:
        reportError(s.error());
        break;
      case CLOSED:
        for (Runnable l : closeListeners) {
          try {
            l.run();
          } catch (Throwable e) {
            rethrowIfFatal(e);
            LOG.log(System.Logger.Level.WARNING, "close listener of " + uri + " threw", e);
          }
        }
        break;
      default:
        break;
    }
  }

  private void dispatchEvent(ServerSentEvent event, String lastEventId) {
    List<BiConsumer<ServerSentEvent, String>> plain = listeners.get(event.type());
    if (plain != null) {
      for (BiConsumer<ServerSentEvent, String> l : plain) {
        guarded(() -> l.accept(event, lastEventId), "listener for '" + event.type() + "'");
      }
    }
    List<TypedDecoder<?>> typed = typedListeners.get(event.type());
    if (typed != null) {
      TypedDecoder.Cache cache = new TypedDecoder.Cache();
      for (TypedDecoder<?> l : typed) {
        EventSourceException failure = l.deliver(event, lastEventId, cache);
        if (failure != null) {
          reportError(failure);
        }
      }
    }
  }

  private void guarded(Runnable call, String what) {
    try {
      call.run();
    } catch (Throwable e) {
      rethrowIfFatal(e);
      reportError(
          new EventSourceException(
              EventSourceException.Reason.LISTENER,
              0,
              true,
              Duration.ZERO,
              what + " threw: " + e,
              e));
    }
  }

  /**
   * Listener failures are reported and delivery goes on, for an {@link Error} such as a failed
   * assertion too (escaping, it would stop this source's delivery for good, silently); only the
   * JVM's own failures propagate.
   */
  static void rethrowIfFatal(Throwable e) {
    if (e instanceof VirtualMachineError) {
      throw (VirtualMachineError) e;
    }
  }

  private void reportError(EventSourceException error) {
    if (errorListeners.isEmpty()) {
      LOG.log(System.Logger.Level.DEBUG, "event source " + uri + ": " + error.getMessage(), error);
      return;
    }
    for (Consumer<? super EventSourceException> l : errorListeners) {
      try {
        l.accept(error);
      } catch (Throwable e) {
        rethrowIfFatal(e);
        LOG.log(System.Logger.Level.WARNING, "error listener of " + uri + " threw", e);
      }
    }
  }

  /**
   * Configures an event stream. {@link #build()} makes a callback {@link EventSource}; {@link
   * #events()} a blocking {@link EventStream}; {@link #publisher()} a {@link Flow.Publisher}.
   */
  public static final class Builder {
    private final URI uri;
    private HttpClient client;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private String method = "GET";
    private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();
    private RequestCustomizer customizer;
    private String lastEventId = "";
    private ReconnectPolicy policy = ReconnectPolicy.defaults();
    private ReconnectRequest reconnectRequest;
    private Duration connectTimeout;
    private Duration responseTimeout = DEFAULT_RESPONSE_TIMEOUT;
    private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
    private Executor executor;
    private SseLimits limits = SseLimits.DEFAULT;
    private CodecRegistry registry;
    private String endSentinel;

    /** Three missed 15 s heartbeats: longer than two, so one late heartbeat is not a failure. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(45);

    /** Long enough for a distant or busy server; a dead address fails in seconds, not minutes. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

    /**
     * A stream's response headers come before its first event, so a server that has not answered in
     * this long is stuck, not slow.
     */
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private Builder(URI uri) {
      Objects.requireNonNull(uri, "uri");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new IllegalArgumentException("an event source needs an http or https URI: " + uri);
      }
      this.uri = uri;
    }

    /**
     * The HttpClient for every attempt. This client's own redirect policy and connect timeout
     * apply. Share clients: each has its own selector thread.
     *
     * <p>Default: clients shared by all sources without one of their own (one set per {@link
     * #connectTimeout}), which follow redirects ({@code Redirect.NORMAL}). It starts as one client;
     * since the JDK's HttpClient holds one HTTP/2 connection per origin and refuses a stream beyond
     * the server's limit of concurrent streams on it, a stream refused so moves at once, without an
     * error, to a further default client (made when first needed, at most 64, each with its own
     * connection and selector thread). The client given here is never multiplied: on it, a stream
     * beyond that limit fails with reason {@link EventSourceException.Reason#NETWORK} and a message
     * that says so.
     */
    public Builder httpClient(HttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * Adds a request header (repeatable); an {@code Accept} or {@code Cache-Control} replaces ours.
     */
    public Builder header(String name, String value) {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(value, "value");
      if (name.equalsIgnoreCase("Last-Event-ID")) {
        throw new IllegalArgumentException(
            "set Last-Event-ID with lastEventId(...): the source sends it on every reconnect");
      }
      // Let the JDK validate name and value now rather than on the first attempt.
      HttpRequest.newBuilder(uri).header(name, value);
      headers.add(new AbstractMap.SimpleImmutableEntry<>(name, value));
      return this;
    }

    /**
     * The HTTP method and body. Default: GET without a body.
     *
     * <p>A stream opened with another method does not reconnect unless {@link #reconnectWith} says
     * what to send: re-sending a POST may repeat what it did (start a second LLM generation, say),
     * and only the application knows whether that is safe. Without it, the source closes when the
     * connection ends, a broken connection fails it ({@code willReconnect() == false}), and {@link
     * EventSource#restart()} throws.
     */
    public Builder method(String method, HttpRequest.BodyPublisher body) {
      Objects.requireNonNull(method, "method");
      Objects.requireNonNull(body, "body");
      HttpRequest.newBuilder(uri).method(method, body);
      this.method = method;
      this.body = body;
      return this;
    }

    /** Adjusts each attempt's request just before it is sent (tokens, cursors, URLs). */
    public Builder requestCustomizer(RequestCustomizer customizer) {
      this.customizer = Objects.requireNonNull(customizer, "customizer");
      return this;
    }

    /** The Last-Event-ID to send on the first attempt (to resume a stream); default none. */
    public Builder lastEventId(String lastEventId) {
      this.lastEventId = FieldRules.checkId(Objects.requireNonNull(lastEventId, "id"));
      return this;
    }

    /** When and how fast to reconnect; default {@link ReconnectPolicy#defaults()}. */
    public Builder reconnectPolicy(ReconnectPolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * What a reconnect sends for a stream opened with a method other than GET (see {@link
     * #method}): {@link ReconnectRequest#GET} resumes with a GET and {@code Last-Event-ID}, as MCP
     * does; {@link ReconnectRequest#SAME} sends the same request again. A GET stream always
     * reconnects with a GET.
     */
    public Builder reconnectWith(ReconnectRequest request) {
      this.reconnectRequest = Objects.requireNonNull(request, "request");
      return this;
    }

    /**
     * Fail an attempt whose connection (TCP and TLS) is not made in this long: reason {@link
     * EventSourceException.Reason#CONNECT_TIMEOUT}, then reconnect as after a network error.
     * Default 10 s. It is a setting of the HttpClient: it applies to the default clients, which are
     * shared by all sources with the same connect timeout (so use few distinct values: each is at
     * least one client with its own selector thread); with {@link #httpClient}, set it on that
     * client's builder instead.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = positive(timeout, "connectTimeout");
      return this;
    }

    /**
     * Fail an attempt whose response headers (the time to first byte) do not arrive within this
     * long: reason {@link EventSourceException.Reason#RESPONSE_TIMEOUT}, then reconnect as after a
     * network error. {@link Duration#ZERO} disables. Default 30 s.
     *
     * <p>The clock starts when the attempt's request is handed to the HttpClient, so it also counts
     * the time to connect (TCP and TLS, when no open connection can be reused) and to send the
     * request: the HttpClient does not tell when its connection is made. A connection that is not
     * made fails first as {@link EventSourceException.Reason#CONNECT_TIMEOUT} only while the
     * connect timeout is shorter than this one (the defaults, 10 s and 30 s, are); with an {@link
     * #httpClient} that has no connect timeout, or a longer one, it fails as {@code
     * RESPONSE_TIMEOUT}.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Builder responseTimeout(Duration timeout) {
      this.responseTimeout = notNegative(timeout, "responseTimeout");
      return this;
    }

    /**
     * Reconnect when an open stream delivers no bytes (heartbeats included) for this long: reason
     * {@link EventSourceException.Reason#IDLE_TIMEOUT}. The clock starts once the response headers
     * have arrived (before that, {@link #responseTimeout} applies) and stops while a consumer is
     * still busy with the last read. {@link Duration#ZERO} disables. Default 45 s.
     *
     * @throws IllegalArgumentException if {@code idleTimeout} is negative
     */
    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = notNegative(idleTimeout, "idleTimeout");
      return this;
    }

    /**
     * Ends the stream at the first event whose data is exactly {@code data}, such as {@code [DONE]}
     * in LLM token streams: that event is not delivered, the source closes cleanly (close listeners
     * run, an iterator ends, a Flow subscriber completes) and does not reconnect.
     */
    public Builder endSentinel(String data) {
      this.endSentinel = Objects.requireNonNull(data, "data");
      return this;
    }

    private static Duration notNegative(Duration d, String name) {
      Objects.requireNonNull(d, name);
      if (d.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative: " + d);
      }
      return d;
    }

    private static Duration positive(Duration d, String name) {
      if (notNegative(d, name).isZero()) {
        throw new IllegalArgumentException(name + " must be positive: " + d);
      }
      return d;
    }

    /**
     * Where listeners run; a source's listeners still run one at a time, in order. Default: on the
     * thread that read the bytes (an HttpClient thread) or the timer.
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The parser's limits; default {@link SseLimits#DEFAULT}. */
    public Builder limits(SseLimits limits) {
      this.limits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /** The codecs for typed listeners; default {@code CodecRegistry.loadDefault()}. */
    public Builder codecRegistry(CodecRegistry registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
      return this;
    }

    /**
     * A callback source; add listeners, then {@link EventSource#connect()}.
     *
     * @throws IllegalStateException if both {@link #httpClient} and {@link #connectTimeout} were
     *     set (as do {@link #events()} and {@link #publisher()})
     */
    public EventSource build() {
      return new EventSource(config(), registry);
    }

    /** Connects and returns a blocking iterator over the events. Close it when done. */
    public EventStream events() {
      return new EventStream(cursor(event -> event));
    }

    private <T> PullCursor<T> cursor(Function<ServerSentEvent, T> convert) {
      PullOutbox outbox = new PullOutbox();
      return new PullCursor<>(outbox, new StreamEngine(config(), outbox), convert);
    }

    /**
     * Connects and returns a blocking iterator over the events of {@code type}'s event name,
     * decoded by its codec; other events are skipped. {@code type} may also be an interface or
     * superclass: then every event whose codec's class is a subtype is decoded (a sealed interface
     * over several event records, say). Close it when done.
     *
     * @throws IllegalArgumentException if the registry has no codec for {@code type} or a subtype
     */
    public <T> TypedEventStream<T> events(Class<T> type) {
      TypeRoute<T> route = TypeRoute.of(registry(), type);
      return new TypedEventStream<>(cursor(route::decode));
    }

    /**
     * A publisher that opens a new connection for each subscriber, delivers events only as they are
     * requested, and closes the connection when the subscription is cancelled. Completes on a clean
     * end (a 204 included); fails with an {@link EventSourceException} when the source fails.
     */
    public Flow.Publisher<ServerSentEvent> publisher() {
      return new EventPublisher<>(config(), (event, lastEventId) -> event);
    }

    /**
     * As {@link #publisher()}, with the events of {@code type}'s event name (or of its subtypes, as
     * for {@link #events(Class)}) decoded, each in a {@link MessageEvent} that also carries the
     * browser's last event ID. {@code ServerSentEvent.class} gives every event, undecoded. Data
     * that cannot be decoded fails the subscription ({@link EventSourceException.Reason#DECODE})
     * and closes the connection.
     *
     * @throws IllegalArgumentException if the registry has no codec for {@code type} or a subtype
     */
    public <T> Flow.Publisher<MessageEvent<T>> publisher(Class<T> type) {
      TypeRoute<T> route = TypeRoute.of(registry(), type);
      return new EventPublisher<>(
          config(),
          (event, lastEventId) -> {
            T value = route.decode(event);
            return value == null ? null : new MessageEvent<>(event, value, lastEventId);
          });
    }

    private CodecRegistry registry() {
      return registry != null ? registry : CodecRegistry.loadDefault();
    }

    private ClientConfig config() {
      if (client != null && connectTimeout != null) {
        throw new IllegalStateException(
            "connectTimeout is a setting of the HttpClient: set it on the client given to"
                + " httpClient(...)");
      }
      boolean get = method.equalsIgnoreCase("GET");
      return new ClientConfig(
          uri,
          client,
          client != null
              ? null
              : Shared.defaultClients(
                  connectTimeout != null ? connectTimeout : DEFAULT_CONNECT_TIMEOUT),
          List.copyOf(headers),
          method,
          body,
          customizer,
          lastEventId,
          policy,
          get ? ReconnectRequest.SAME : reconnectRequest,
          responseTimeout,
          idleTimeout,
          executor != null ? executor : Runnable::run,
          limits,
          endSentinel);
    }
  }
}
