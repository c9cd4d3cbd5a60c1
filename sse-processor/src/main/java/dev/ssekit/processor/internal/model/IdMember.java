package dev.ssekit.processor.internal.model;

/**
 * A member marked {@code @SseId}.
 *
 * @param name the member's name for messages
 * @param site the member and its {@code @SseId} annotation
 * @param getter how to read it, or {@code null} when nothing accessible does
 * @param type its type
 */
public record IdMember(String name, Site site, Accessor getter, TypeRef type) {}
