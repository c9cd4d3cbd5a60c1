package dev.ssekit.blackbox;

import dev.ssekit.core.SseEvent;
import dev.ssekit.core.SseId;
import java.time.Instant;
import java.util.List;

/**
 * A typed event whose codec the annotation processor generates at compile time.
 *
 * @param seq the frame's id
 * @param text the greeting
 * @param at when it was sent
 * @param tags free labels
 */
@SseEvent(name = "greeting")
public record Greeting(@SseId long seq, String text, Instant at, List<String> tags) {}
