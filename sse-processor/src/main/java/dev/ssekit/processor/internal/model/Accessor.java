package dev.ssekit.processor.internal.model;

/**
 * How generated code reaches a property: {@code value.name}, {@code value.name()} or
 * {@code value.name(x)}, or as a constructor argument.
 *
 * @param kind the kind of member
 * @param name the member name (field or method), or the parameter name
 */
public record Accessor(Kind kind, String name) {

  /** The kinds of member. */
  public enum Kind {
    FIELD,
    METHOD,
    CONSTRUCTOR_PARAMETER
  }

  /** A field. */
  public static Accessor field(String name) {
    return new Accessor(Kind.FIELD, name);
  }

  /** A getter or setter. */
  public static Accessor method(String name) {
    return new Accessor(Kind.METHOD, name);
  }

  /** A constructor (or canonical record constructor) parameter. */
  public static Accessor parameter(String name) {
    return new Accessor(Kind.CONSTRUCTOR_PARAMETER, name);
  }
}
