package dev.ssekit.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the one member of an {@link SseEvent} class whose value becomes the frame's {@code id}
 * field (and so the receiver's {@code Last-Event-ID}). The value is converted with
 * {@code String.valueOf}; a {@code null} value writes no {@code id} field. An id containing CR, LF
 * or NUL is rejected when the event is encoded, never written. The member is still written to the
 * JSON data unless it is also marked {@link SseIgnore}.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface SseId {}
