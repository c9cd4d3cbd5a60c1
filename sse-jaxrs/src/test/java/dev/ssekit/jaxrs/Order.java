package dev.ssekit.jaxrs;

/** A test event whose {@code orderId} is its frame id. */
public record Order(String orderId, int quantity) {}
