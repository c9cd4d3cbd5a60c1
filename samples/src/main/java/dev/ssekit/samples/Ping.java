package dev.ssekit.samples;

import dev.ssekit.core.SseEvent;
import java.time.Instant;

/**
 * The seed's {@code ping} event, sent every second on {@code GET /events}: {@code event: ping},
 * {@code data: {"time":"2026-01-01T00:00:00.123Z"}}.
 *
 * @param time when the server sent it
 */
// begin-snippet: event
@SseEvent(name = "ping")
public record Ping(Instant time) {}
// end-snippet
