package dev.ssekit.samples.docs.events;

import dev.ssekit.core.SseEvent;
import dev.ssekit.core.SseId;
import java.time.Instant;

/** The smallest typed event: a name, an id, and two more properties. */
// begin-snippet: reading
@SseEvent(name = "reading")
public record Reading(@SseId long seq, Instant time, double celsius) {}
// end-snippet
