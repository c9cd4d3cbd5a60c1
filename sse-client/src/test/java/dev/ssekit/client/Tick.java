package dev.ssekit.client;

import dev.ssekit.core.SseEvent;
import dev.ssekit.core.SseId;
import java.time.Instant;
import java.util.List;

/** A typed event whose codec the annotation processor generates when the tests compile. */
@SseEvent(name = "tick")
public record Tick(@SseId long seq, Instant at, List<String> tags) {}
