package dev.ssekit.hub;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One topic's replay window in {@link MemoryLog}: the most recent frames, bounded by count and by
 * age, and the topic's follower. Frames are the arrays the hub writes to subscribers, so the window
 * costs one reference per event, not a copy. Guarded by its own monitor, which the log holds while
 * it calls the follower, so that the follower sees events in the window's order.
 */
final class MemoryWindow {
  private final int maxEvents;
  private final long maxAgeMillis;

  // A ring of entries, oldest at head.
  private Entry[] ring = new Entry[4];
  private int head;
  private int size;
  private long nextSeq;
  private final Map<String, Long> seqById = new HashMap<>();
  private String lastAppendedId;

  EventLog.Follower follower;

  /** Set when the log dropped this window; a caller holding it looks the topic up again. */
  boolean dropped;

  MemoryWindow(int maxEvents, long maxAgeMillis) {
    this.maxEvents = maxEvents;
    this.maxAgeMillis = maxAgeMillis;
  }

  /** True if a replay from {@code id} would find it: it is in the window, or the newest id. */
  boolean contains(String id, long nowMillis) {
    evictExpired(nowMillis);
    return seqOf(id) != null;
  }

  void append(String id, byte[] frame, long nowMillis) {
    if (size == maxEvents) {
      evictHead();
    }
    if (size == ring.length) {
      grow();
    }
    long seq = nextSeq++;
    ring[(head + size) % ring.length] = new Entry(seq, id, frame, nowMillis);
    size++;
    seqById.put(id, seq);
    lastAppendedId = id;
  }

  /** The newest id ever appended, or null; it outlives its entry (its client missed nothing). */
  String latestId() {
    return lastAppendedId;
  }

  /** See {@link EventLog#replay}. */
  EventLog.Replay replay(String lastEventId, String upTo, long nowMillis) {
    if (lastEventId.equals(upTo)) {
      // The follower was handed this very event, so the client missed nothing, even if a burst
      // has pushed the event out of the window since.
      return EventLog.Replay.of(List.of());
    }
    evictExpired(nowMillis);
    Long from = seqOf(lastEventId);
    if (from == null) {
      return EventLog.Replay.unknownId();
    }
    // An upTo that left the window is older than anything in it, so older than lastEventId too.
    Long to = upTo == null ? null : seqOf(upTo);
    if (to == null || from > to) {
      return EventLog.Replay.aheadOfFollower(lastEventId);
    }
    if (size == 0) {
      return EventLog.Replay.of(List.of());
    }
    long firstSeq = ring[head].seq;
    List<byte[]> frames = new ArrayList<>((int) (to - from));
    for (long seq = Math.max(from + 1, firstSeq); seq <= to; seq++) {
      frames.add(ring[(head + (int) (seq - firstSeq)) % ring.length].frame);
    }
    return EventLog.Replay.of(frames);
  }

  /** True when the window holds no event after evicting expired ones. */
  boolean isEmpty(long nowMillis) {
    evictExpired(nowMillis);
    return size == 0;
  }

  private Long seqOf(String id) {
    Long seq = seqById.get(id);
    if (seq == null && id.equals(lastAppendedId)) {
      seq = nextSeq - 1;
    }
    return seq;
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
