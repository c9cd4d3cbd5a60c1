package dev.ssekit.jaxrs.docs;

import dev.ssekit.core.SseEvent;

// begin-snippet: event
/** A chat message; on the wire {@code event: chat} and {@code data: {"user":…,"text":…}}. */
@SseEvent(name = "chat")
public record ChatMessage(String user, String text) {}
// end-snippet
