package dev.ssekit.processor.internal.model;

import java.util.List;

/**
 * A record, class or enum that gets a codec: the event itself or a type reached from its
 * properties.
 *
 * @param name its class name
 * @param site where to report problems of the type as a whole: the event class itself, or for a
 *     nested type the first property that reaches it
 * @param declaration what kind of type it is
 * @param generic it declares type parameters
 * @param innerClass it is a non-static inner class
 * @param accessible the generated code (in the event's package) can name it
 * @param instantiable it is a record, an enum or a concrete class
 * @param properties its properties in declaration order
 * @param creator how read values are created
 */
public record ObjectModel(
    JavaName name,
    Site site,
    Declaration declaration,
    boolean generic,
    boolean innerClass,
    boolean accessible,
    boolean instantiable,
    List<Property> properties,
    Creator creator) {

  /** Copies the list. */
  public ObjectModel {
    properties = List.copyOf(properties);
  }

  /** True for an enum. */
  public boolean isEnum() {
    return creator.kind() == Creator.Kind.ENUM;
  }
}
