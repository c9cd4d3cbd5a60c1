package dev.ssekit.samples.quickstart;

import dev.ssekit.core.SseEvent;
import dev.ssekit.core.SseId;

/**
 * The quickstart's event: {@code event: greeting}, {@code id: 1}, {@code data:
 * {"seq":1,"text":"hello 1"}}.
 *
 * @param seq the event's number, also its {@code id:}
 * @param text the greeting
 */
// begin-snippet: event
@SseEvent(name = "greeting")
public record Greeting(@SseId long seq, String text) {}
// end-snippet
