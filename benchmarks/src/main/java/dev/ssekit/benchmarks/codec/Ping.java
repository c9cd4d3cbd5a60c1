package dev.ssekit.benchmarks.codec;

import dev.ssekit.core.SseEvent;

/** The small event: about 50 bytes of JSON. */
@SseEvent(name = "ping")
public record Ping(String time, long seq) {}
