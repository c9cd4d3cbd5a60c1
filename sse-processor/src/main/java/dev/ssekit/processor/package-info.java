/**
 * The ssekit annotation processors. Put this module on the annotation processor path (never on
 * the runtime class path): {@link dev.ssekit.processor.SseCodecProcessor} generates a codec for
 * every {@code @SseEvent} class and {@link dev.ssekit.processor.SseServicesProcessor} registers
 * them for {@link java.util.ServiceLoader}.
 */
package dev.ssekit.processor;
