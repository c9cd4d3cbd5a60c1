package dev.ssekit.samples;

import dev.ssekit.core.SseEvent;
import java.time.Instant;

/**
 * A user joined the chat: {@code event: userconnect}, {@code data:
 * {"username":"bobby","time":"2026-01-01T02:33:48Z"}}.
 *
 * @param username who joined
 * @param time when
 */
@SseEvent(name = "userconnect")
public record UserConnect(String username, Instant time) {}
