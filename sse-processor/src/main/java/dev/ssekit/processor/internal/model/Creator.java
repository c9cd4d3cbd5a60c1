package dev.ssekit.processor.internal.model;

import java.util.List;

/**
 * How a read value is created.
 *
 * @param kind the way
 * @param parameters for {@link Kind#CONSTRUCTOR}: the property names in parameter order
 * @param unmatchedParameters constructor parameters that match no property
 * @param constructorsWithParameters for {@link Kind#NONE}: how many accessible constructors with
 *     parameters the class has, none or more than one
 */
public record Creator(
    Kind kind,
    List<String> parameters,
    List<Site> unmatchedParameters,
    int constructorsWithParameters) {

  /** The ways. */
  public enum Kind {
    /** A constructor taking every property (a record's canonical one, or a class's only one). */
    CONSTRUCTOR,
    /** The no-arg constructor, then setters or field assignments. */
    NO_ARG,
    /** An enum: by constant name. */
    ENUM,
    /** Nothing usable. */
    NONE
  }

  /** Copies the lists. */
  public Creator {
    parameters = List.copyOf(parameters);
    unmatchedParameters = List.copyOf(unmatchedParameters);
  }

  /** A creator that takes no parameters. */
  public static Creator simple(Kind kind) {
    return new Creator(kind, List.of(), List.of(), 0);
  }

  /** No usable creator: no accessible constructor, or several with parameters. */
  public static Creator none(int constructorsWithParameters) {
    return new Creator(Kind.NONE, List.of(), List.of(), constructorsWithParameters);
  }
}
