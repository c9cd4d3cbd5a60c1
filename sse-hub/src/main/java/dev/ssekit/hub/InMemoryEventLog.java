package dev.ssekit.hub;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The default {@link EventLog}: the most recent frames in memory, bounded both by count and by age.
 * An entry leaves the window when more than {@code maxEvents} newer ones exist or when it is older
 * than {@code maxAge}. Ids are unique within the window: an id may be appended again only once it
 * has left the window (and, if it was the latest id, once another has followed it). Frames are the
 * same arrays the hub writes to subscribers, so the window costs one reference per event, not a
 * copy. Thread-safe.
 */
public final class InMemoryEventLog implements EventLog {
  /** The default bound on the number of events kept. */
  public static final int DEFAULT_MAX_EVENTS = 1000;

  /** The default bound on the age of events kept. */
  public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

  private final int maxEvents;
  private final long maxAgeMillis;
  private final Clock clock;

  // A ring of entries, oldest at head; all guarded by this.
  private Entry[] ring = new Entry[16];
  private int head;
  private int size;
  private long nextSeq;
  private final Map<String, Long> seqById = new HashMap<>();
  private String lastAppendedId;

  /** A log with the default bounds: 1000 events, 5 minutes. */
  public InMemoryEventLog() {
    this(DEFAULT_MAX_EVENTS, DEFAULT_MAX_AGE);
  }

  /**
   * A log keeping at most {@code maxEvents} events, none older than {@code maxAge}.
   *
   * @throws IllegalArgumentException if a bound is not positive
   */
  public InMemoryEventLog(int maxEvents, Duration maxAge) {
    this(maxEvents, maxAge, Clock.systemUTC());
  }

  /**
   * A log measuring age on {@code clock}.
   *
   * @throws IllegalArgumentException if a bound is not positive
   */
  public InMemoryEventLog(int maxEvents, Duration maxAge, Clock clock) {
    if (maxEvents <= 0) {
      throw new IllegalArgumentException("maxEvents must be positive: " + maxEvents);
    }
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    this.maxEvents = maxEvents;
    this.maxAgeMillis = maxAge.toMillis();
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if {@code id} is in the window ({@link #contains}); nothing is
   *     appended then
   */
  @Override
  public synchronized void append(String id, byte[] frame) {
    long now = clock.millis();
    evictExpired(now);
    if (known(id)) {
      throw new IllegalArgumentException("event id \"" + id + "\" is already in the window");
    }
    if (size == maxEvents) {
      evictHead();
    }
    if (size == ring.length) {
      grow();
    }
    long seq = nextSeq++;
    ring[(head + size) % ring.length] = new Entry(seq, id, frame, now);
    size++;
    seqById.put(id, seq);
    lastAppendedId = id;
  }

  @Override
  public synchronized Replay replayAfter(String lastEventId) {
    evictExpired(clock.millis());
    Long seq = seqById.get(lastEventId);
    if (seq == null) {
      // The newest event may have aged out while nothing followed it: the client missed nothing.
      return lastEventId.equals(lastAppendedId) ? Replay.of(List.of()) : Replay.unknownId();
    }
    long firstSeq = ring[head].seq;
    int from = (int) (seq - firstSeq) + 1;
    List<byte[]> frames = new ArrayList<>(size - from);
    for (int i = from; i < size; i++) {
      frames.add(ring[(head + i) % ring.length].frame);
    }
    return Replay.of(frames);
  }

  /** Answers from an index of the window's ids, in constant time. */
  @Override
  public synchronized boolean contains(String id) {
    evictExpired(clock.millis());
    return known(id);
  }

  private boolean known(String id) {
    // The newest id stays known after it ages out, as in replayAfter: its client missed nothing.
    return seqById.containsKey(id) || id.equals(lastAppendedId);
  }

  /** The number of events currently in the window (after evicting expired ones). */
  public synchronized int size() {
    evictExpired(clock.millis());
    return size;
  }

  private void evictExpired(long now) {
    while (size > 0 && now - ring[head].timeMillis > maxAgeMillis) {
      evictHead();
    }
  }

  private void evictHead() {
    Entry e = ring[head];
    ring[head] = null;
    head = (head + 1) % ring.length;
    size--;
    seqById.remove(e.id, e.seq);
  }

  private void grow() {
    int capacity = (int) Math.min((long) ring.length * 2, maxEvents);
    Entry[] bigger = new Entry[Math.max(capacity, size + 1)];
    for (int i = 0; i < size; i++) {
      bigger[i] = ring[(head + i) % ring.length];
    }
    ring = bigger;
    head = 0;
  }

  private static final class Entry {
    final long seq;
    final String id;
    final byte[] frame;
    final long timeMillis;

    Entry(long seq, String id, byte[] frame, long timeMillis) {
      this.seq = seq;
      this.id = id;
      this.frame = frame;
      this.timeMillis = timeMillis;
    }
  }
}
