package dev.ssekit.samples;

import dev.ssekit.core.SseEvent;
import java.time.Instant;

/**
 * A chat message: {@code event: usermessage}, {@code data:
 * {"username":"bobby","time":"2026-01-01T02:34:11Z","text":"Hi everyone."}}.
 *
 * <p>{@code POST /chat/messages} reads its body, {@code {"username":"…","text":"…"}}, with this
 * record's generated codec too; the server sets {@code time}.
 *
 * @param username who wrote it
 * @param time when the server received it
 * @param text the message, exactly as posted (it may contain line breaks)
 */
// begin-snippet: event
@SseEvent(name = "usermessage")
public record UserMessage(String username, Instant time, String text) {}
// end-snippet
