package dev.ssekit.samples.docs.client;

import dev.ssekit.core.SseEvent;

/**
 * One piece of a generated answer, as an LLM API streams it: {@code event: token}, {@code data:
 * {"text":"Hello"}}.
 *
 * @param text the piece of text
 */
// begin-snippet: event
@SseEvent(name = "token")
public record Token(String text) {}
// end-snippet
