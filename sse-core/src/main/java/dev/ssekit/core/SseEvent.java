package dev.ssekit.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a typed Server-Sent Event. The {@code sse-processor} annotation processor
 * generates a reflection-free {@link SseCodec} for every class carrying this annotation and
 * registers it so that {@link CodecRegistry} finds it by class and by event name.
 *
 * <pre>{@code
 * @SseEvent(name = "ping")
 * public record Ping(Instant time) {}
 * }</pre>
 *
 * <p>The event is written as one frame: {@code event: ping}, an optional {@code id} taken from the
 * member annotated with {@link SseId}, and the object as compact JSON on one {@code data:} line.
 */
@Documented
// Kept at run time only so that a missing codec's error can tell "not annotated" from "the
// processor did not run"; codecs themselves never read it.
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SseEvent {
  /**
   * The event type written in the frame's {@code event:} field, and the name a receiver's
   * {@code addEventListener} listens for. Must be non-empty and must not contain CR or LF; the
   * processor rejects anything else at compile time.
   */
  String name();
}
