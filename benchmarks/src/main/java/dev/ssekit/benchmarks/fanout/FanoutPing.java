package dev.ssekit.benchmarks.fanout;

import dev.ssekit.core.SseEvent;

/**
 * The event every load run publishes: a sequence number (so the client can count gaps) and the
 * publish time in epoch microseconds (so it can measure latency against the shared machine clock).
 *
 * @param seq 1, 2, 3, … in publish order
 * @param sentMicros when it was published (or, paced, when it was due), epoch microseconds
 */
@SseEvent(name = "tick")
public record FanoutPing(long seq, long sentMicros) {}
