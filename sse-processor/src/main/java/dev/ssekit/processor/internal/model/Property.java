package dev.ssekit.processor.internal.model;

/**
 * One property of a record or class.
 *
 * @param javaName the Java name (record component, field or bean property)
 * @param jsonName the name in JSON ({@code @SseProperty} or {@code javaName})
 * @param site the member that declares it (component, field or getter)
 * @param renameSite the {@code @SseProperty} value that renamed it, or {@code null}
 * @param type its type
 * @param getter how to read it from an instance, or {@code null} when nothing accessible does
 * @param setter how to set it when reading, or {@code null} when nothing accessible does
 * @param ignored left out of the JSON ({@code @SseIgnore} or {@code transient}); still listed so
 *     that a constructor parameter for it receives its default
 */
public record Property(
    String javaName,
    String jsonName,
    Site site,
    Site renameSite,
    TypeRef type,
    Accessor getter,
    Accessor setter,
    boolean ignored) {}
