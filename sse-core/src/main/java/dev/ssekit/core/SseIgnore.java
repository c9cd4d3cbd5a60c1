package dev.ssekit.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Leaves a property out of the JSON data: it is neither written nor read. {@code transient} fields
 * are left out in the same way. An ignored constructor or record parameter receives {@code null},
 * {@code Optional.empty()} or the primitive default when reading.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.RECORD_COMPONENT})
public @interface SseIgnore {}
