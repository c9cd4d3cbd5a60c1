package dev.ssekit.jaxrs;

/** A test event without an id of its own. */
public record Ping(String text, long seq) {}
