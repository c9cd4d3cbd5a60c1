package dev.ssekit.processor.internal.model;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;

/**
 * Where in the user's source a model part comes from, so that a problem is reported on the
 * offending element (and annotation and value, when one is involved). The model never reads it.
 *
 * @param element the element
 * @param annotation the annotation on it, or {@code null}
 * @param value the annotation value, or {@code null}
 */
public record Site(Element element, AnnotationMirror annotation, AnnotationValue value) {

  /** A site without an annotation. */
  public static Site of(Element element) {
    return new Site(element, null, null);
  }
}
