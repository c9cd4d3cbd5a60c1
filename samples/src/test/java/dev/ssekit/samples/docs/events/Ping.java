package dev.ssekit.samples.docs.events;

import dev.ssekit.core.SseEvent;
import dev.ssekit.core.SseId;
import java.time.Instant;

/** The smallest typed event: a name, an id, and one more property. */
// begin-snippet: ping
@SseEvent(name = "ping")
public record Ping(@SseId long seq, Instant time) {}
// end-snippet
