package dev.ssekit.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Renames a property in the JSON data of an event (or of a type nested in one).
 *
 * <pre>{@code
 * public record UserMessage(@SseProperty("user_name") String username, String text) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({
  ElementType.FIELD,
  ElementType.METHOD,
  ElementType.PARAMETER,
  ElementType.RECORD_COMPONENT
})
public @interface SseProperty {
  /** The JSON property name; must not be empty. */
  String value();
}
