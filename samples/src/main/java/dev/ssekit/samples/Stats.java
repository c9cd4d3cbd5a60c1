package dev.ssekit.samples;

import dev.ssekit.core.SseEvent;

/**
 * What the page's live panel shows of this node, sent on {@code GET /metrics/events} when a figure
 * changes: {@code event: stats}, {@code data: {"clients":3,"sentPerSecond":3.0,"dropped":0}}.
 *
 * @param clients the ping and chat streams open on this node
 * @param sentPerSecond events written to those clients per second over the last second, each event
 *     once per client it reached ({@code ssekit.events.written}: no heartbeats or retry hints), to
 *     one decimal
 * @param dropped clients released because they read too slowly (their queue overflowed, or a write
 *     outlasted the write timeout) since the node started
 */
@SseEvent(name = "stats")
public record Stats(int clients, double sentPerSecond, long dropped) {}
