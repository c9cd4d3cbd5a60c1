package dev.ssekit.processor.internal.model;

/**
 * What registration needs of an event class: its name and its codec's name.
 *
 * @param eventName the event type from the annotation ({@code null} if javac could not evaluate it)
 * @param nameSite the annotation value, for problems with the name
 * @param type the event class
 * @param codecName the generated codec class
 */
public record EventHeader(String eventName, Site nameSite, JavaName type, JavaName codecName) {}
