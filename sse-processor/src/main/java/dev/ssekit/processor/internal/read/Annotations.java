package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Site;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Finds ssekit's annotations on elements by name, without loading them as classes. */
final class Annotations {
  static final String SSE_EVENT = "dev.ssekit.core.SseEvent";
  static final String SSE_ID = "dev.ssekit.core.SseId";
  static final String SSE_PROPERTY = "dev.ssekit.core.SseProperty";
  static final String SSE_IGNORE = "dev.ssekit.core.SseIgnore";

  private Annotations() {}

  /** The annotation named {@code qualifiedName} on {@code element}, or {@code null}. */
  static AnnotationMirror find(Element element, String qualifiedName) {
    if (element == null) {
      return null;
    }
    for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
      TypeElement type = (TypeElement) mirror.getAnnotationType().asElement();
      if (type.getQualifiedName().contentEquals(qualifiedName)) {
        return mirror;
      }
    }
    return null;
  }

  /** True when {@code element} carries the annotation. */
  static boolean has(Element element, String qualifiedName) {
    return find(element, qualifiedName) != null;
  }

  /**
   * The site of the annotation's string member {@code name} on {@code element}, or {@code null}
   * when the annotation is absent. The value is {@code null} if javac could not evaluate it.
   */
  static Site stringValueSite(Element element, String qualifiedName, String name) {
    AnnotationMirror mirror = find(element, qualifiedName);
    if (mirror == null) {
      return null;
    }
    for (Map.Entry<? extends ExecutableElement, ? extends AnnotationValue> e :
        mirror.getElementValues().entrySet()) {
      if (e.getKey().getSimpleName().contentEquals(name)) {
        return new Site(element, mirror, e.getValue());
      }
    }
    return new Site(element, mirror, null);
  }

  /** The string in a site made by {@link #stringValueSite}, or {@code null}. */
  static String stringValue(Site site) {
    if (site == null || site.value() == null) {
      return null;
    }
    Object value = site.value().getValue();
    return value instanceof String ? (String) value : null;
  }
}
