package dev.ssekit.samples;

import dev.ssekit.core.SseEvent;
import java.time.Instant;

/**
 * A user left the chat: {@code event: userdisconnect}, {@code data:
 * {"username":"bobby","time":"2026-01-01T02:40:00Z"}}.
 *
 * @param username who left
 * @param time when
 */
@SseEvent(name = "userdisconnect")
public record UserDisconnect(String username, Instant time) {}
