package dev.ssekit.samples.docs.hub;

import dev.ssekit.core.SseEvent;

/** A user's notification in the topics examples: how one of their builds ended. */
@SseEvent(name = "build-status")
public record BuildStatus(String job, String state) {}
