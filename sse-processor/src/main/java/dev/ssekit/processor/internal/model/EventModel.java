package dev.ssekit.processor.internal.model;

import java.util.List;

/**
 * An {@code @SseEvent} class and everything its codec needs.
 *
 * @param eventName the event type from the annotation
 * @param nameSite the annotation value, for problems with the name
 * @param root the event class itself
 * @param nested the records, classes and enums reached from its properties, each once
 * @param ids the members marked {@code @SseId}
 * @param codecName the name of the codec class to generate
 */
public record EventModel(
    String eventName,
    Site nameSite,
    ObjectModel root,
    List<ObjectModel> nested,
    List<IdMember> ids,
    JavaName codecName) {

  /** Copies the lists. */
  public EventModel {
    nested = List.copyOf(nested);
    ids = List.copyOf(ids);
  }

  /** The event class name. */
  public JavaName type() {
    return root.name();
  }
}
