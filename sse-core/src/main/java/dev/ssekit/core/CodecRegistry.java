package dev.ssekit.core;

import java.lang.ref.SoftReference;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.WeakHashMap;

/**
 * The {@link SseCodec}s an application knows, by event class and by event name: a server looks up
 * the codec of the object it publishes, a client the codec of the event type it receives.
 *
 * <p>Codecs are found without classpath scanning or reflection: the annotation processor lists each
 * codec it generates in {@code META-INF/services/dev.ssekit.core.SseCodec}, and {@link
 * #loadDefault()} reads that list with {@link ServiceLoader} (on the module path, a module declares
 * {@code provides dev.ssekit.core.SseCodec with ...}). Tests and applications that want full
 * control register codecs explicitly with {@link #builder()}.
 *
 * <pre>{@code
 * CodecRegistry codecs = CodecRegistry.loadDefault();
 * SseCodec<Ping> ping = codecs.codecFor(Ping.class);
 * SseCodec<?> incoming = codecs.codecForEvent("ping"); // null when no codec has that name
 * SseCodec<Pong> maybe = codecs.find(Pong.class);       // null when Pong has no codec
 *
 * CodecRegistry explicit = CodecRegistry.builder().register(new PingCodec()).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class CodecRegistry {
  private static final Map<ClassLoader, SoftReference<CodecRegistry>> DEFAULTS =
      new WeakHashMap<>();

  private final List<SseCodec<?>> codecs;
  private final Map<Class<?>, SseCodec<?>> byType;
  private final Map<String, SseCodec<?>> byEvent;

  private CodecRegistry(Builder builder) {
    this.codecs = Collections.unmodifiableList(new ArrayList<>(builder.codecs));
    this.byType = new HashMap<>(builder.byType);
    this.byEvent = new HashMap<>(builder.byEvent);
  }

  /**
   * The codecs registered as services and visible from the current thread's context class loader
   * (or, when it has none, this class's loader). Loaded once per class loader and cached.
   *
   * @throws IllegalArgumentException if two codecs claim the same class or event name
   * @throws IllegalStateException if a listed codec cannot be loaded
   */
  public static CodecRegistry loadDefault() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    if (loader == null) {
      loader = CodecRegistry.class.getClassLoader();
    }
    synchronized (DEFAULTS) {
      SoftReference<CodecRegistry> cached = DEFAULTS.get(loader);
      CodecRegistry registry = cached == null ? null : cached.get();
      if (registry == null) {
        registry = load(loader);
        DEFAULTS.put(loader, new SoftReference<>(registry));
      }
      return registry;
    }
  }

  /**
   * The codecs registered as services and visible from {@code loader}; not cached.
   *
   * @throws IllegalArgumentException if two codecs claim the same class or event name
   * @throws IllegalStateException if a listed codec cannot be loaded
   */
  public static CodecRegistry load(ClassLoader loader) {
    return builder().loadServices(loader).build();
  }

  /** A builder for a registry with explicitly registered codecs. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The codec for {@code type} (exactly that class, not a subclass).
   *
   * @throws IllegalArgumentException if no codec is registered for it; the message names the
   *     usual causes
   */
  public <T> SseCodec<T> codecFor(Class<T> type) {
    SseCodec<T> codec = find(type);
    if (codec == null) {
      throw new IllegalArgumentException(noCodecMessage(type));
    }
    return codec;
  }

  /**
   * The codec for {@code type} (exactly that class, not a subclass), or {@code null} when none is
   * registered: for callers that ask whether a class has a codec at all.
   */
  @SuppressWarnings("unchecked") // register() keys each codec by its own type()
  public <T> SseCodec<T> find(Class<T> type) {
    return (SseCodec<T>) byType.get(type);
  }

  /** The codec for an event name, or {@code null} when none is registered. */
  public SseCodec<?> codecForEvent(String eventName) {
    return byEvent.get(eventName);
  }

  /** Every registered codec, in registration order; unmodifiable. */
  public List<SseCodec<?>> codecs() {
    return codecs;
  }

  /** The registered event names and classes, for debugging. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("CodecRegistry[");
    for (int i = 0; i < codecs.size(); i++) {
      SseCodec<?> codec = codecs.get(i);
      s.append(i == 0 ? "" : ", ")
          .append(codec.eventName())
          .append(" -> ")
          .append(codec.type().getName());
    }
    return s.append(']').toString();
  }

  /**
   * Why a class can have no codec, most likely first. A codec missing at run time almost always
   * means the processor never ran, and the build said nothing about it.
   */
  private String noCodecMessage(Class<?> type) {
    boolean annotated = type.isAnnotationPresent(SseEvent.class);
    StringBuilder m = new StringBuilder("No SseCodec for ").append(type.getName()).append(": ");
    if (!annotated) {
      m.append("the class is not annotated with @").append(SseEvent.class.getName()).append('.');
    } else {
      m.append("the class is annotated with @SseEvent, but no codec was generated or registered.")
          .append(" Check that (1) dev.ssekit:sse-processor is on the annotation processor path:")
          .append(" in Maven, maven-compiler-plugin 3.5 or newer with <annotationProcessorPaths>")
          .append(" (Maven 3.8 and older default to compiler plugin 3.1, which ignores it; set")
          .append(" the plugin's <version>), in Gradle, annotationProcessor(...);")
          .append(" (2) the build did not pass -proc:none;")
          .append(" (3) META-INF/services/dev.ssekit.core.SseCodec made it into the jar (a shaded")
          .append(" or fat jar must merge service files);")
          .append(" (4) on the module path, the module declares provides dev.ssekit.core.SseCodec.");
    }
    if (!codecs.isEmpty()) {
      m.append(" Registered: ").append(this);
    }
    return m.toString();
  }

  /** Collects codecs for a {@link CodecRegistry}. Not thread-safe. */
  public static final class Builder {
    private final List<SseCodec<?>> codecs = new ArrayList<>();
    private final Map<Class<?>, SseCodec<?>> byType = new HashMap<>();
    private final Map<String, SseCodec<?>> byEvent = new HashMap<>();

    private Builder() {}

    /**
     * Adds {@code codec}. Registering a second instance of the same codec class again is ignored.
     *
     * @throws IllegalArgumentException if another codec already claims its class or event name
     */
    public Builder register(SseCodec<?> codec) {
      Objects.requireNonNull(codec, "codec");
      Class<?> type =
          Objects.requireNonNull(codec.type(), () -> codec.getClass().getName() + ".type()");
      String event =
          Objects.requireNonNull(
              codec.eventName(), () -> codec.getClass().getName() + ".eventName()");
      SseCodec<?> sameType = byType.get(type);
      SseCodec<?> sameEvent = byEvent.get(event);
      if (sameType != null && sameType.getClass() == codec.getClass() && sameEvent == sameType) {
        return this;
      }
      if (sameType != null) {
        throw new IllegalArgumentException(
            "Two SseCodecs for "
                + type.getName()
                + ": "
                + sameType.getClass().getName()
                + " and "
                + codec.getClass().getName());
      }
      if (sameEvent != null) {
        throw new IllegalArgumentException(
            "Two event classes claim the event name \""
                + event
                + "\": "
                + sameEvent.type().getName()
                + " ("
                + sameEvent.getClass().getName()
                + ") and "
                + type.getName()
                + " ("
                + codec.getClass().getName()
                + ")");
      }
      codecs.add(codec);
      byType.put(type, codec);
      byEvent.put(event, codec);
      return this;
    }

    /** Adds every codec in {@code codecs}, as {@link #register(SseCodec)}. */
    public Builder registerAll(Iterable<? extends SseCodec<?>> codecs) {
      for (SseCodec<?> codec : codecs) {
        register(codec);
      }
      return this;
    }

    /**
     * Adds every codec registered as a {@link ServiceLoader} service visible from {@code loader}.
     *
     * @throws IllegalStateException if a listed codec cannot be loaded or instantiated
     */
    public Builder loadServices(ClassLoader loader) {
      try {
        for (SseCodec<?> codec : ServiceLoader.load(SseCodec.class, loader)) {
          register(codec);
        }
      } catch (ServiceConfigurationError e) {
        throw new IllegalStateException(
            "Cannot load an SseCodec listed in META-INF/services/"
                + SseCodec.class.getName()
                + " (was the project rebuilt after a codec was removed?): "
                + e.getMessage(),
            e);
      }
      return this;
    }

    /** The registry; the builder may be used further without affecting it. */
    public CodecRegistry build() {
      return new CodecRegistry(this);
    }
  }
}
