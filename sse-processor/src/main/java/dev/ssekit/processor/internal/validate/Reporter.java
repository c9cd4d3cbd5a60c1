package dev.ssekit.processor.internal.validate;

import dev.ssekit.processor.internal.model.Site;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.VariableElement;
import javax.lang.model.util.ElementFilter;

/**
 * Reports diagnostics to javac, each once: a nested type reached from several events would
 * otherwise repeat its problems.
 */
public final class Reporter {
  private final Messager messager;
  private final Set<List<Object>> reported = new HashSet<>();
  private int errors;

  /** A reporter writing to {@code messager}. */
  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports an error at {@code site}. */
  public void error(Site site, Diagnostic diagnostic, Object... args) {
    site = positioned(site);
    String message = diagnostic.format(args);
    if (!reported.add(List.of(site.element(), message))) {
      return;
    }
    errors++;
    javax.tools.Diagnostic.Kind kind = javax.tools.Diagnostic.Kind.ERROR;
    if (site.value() != null) {
      messager.printMessage(kind, message, site.element(), site.annotation(), site.value());
    } else if (site.annotation() != null) {
      messager.printMessage(kind, message, site.element(), site.annotation());
    } else {
      messager.printMessage(kind, message, site.element());
    }
  }

  /** Reports an error no single element caused, such as a file shared by all events. */
  public void error(Diagnostic diagnostic, Object... args) {
    errors++;
    messager.printMessage(javax.tools.Diagnostic.Kind.ERROR, diagnostic.format(args));
  }

  /**
   * javac (17 at least) knows no source position for a record component, but does for the field it
   * declares, which carries the component's annotations too: report there instead.
   */
  private static Site positioned(Site site) {
    Element element = site.element();
    if (element.getKind() != ElementKind.RECORD_COMPONENT) {
      return site;
    }
    List<VariableElement> fields =
        ElementFilter.fieldsIn(element.getEnclosingElement().getEnclosedElements());
    for (VariableElement field : fields) {
      if (!field.getSimpleName().contentEquals(element.getSimpleName())) {
        continue;
      }
      if (site.annotation() == null) {
        return Site.of(field);
      }
      for (AnnotationMirror mirror : field.getAnnotationMirrors()) {
        String type = mirror.getAnnotationType().toString();
        if (type.equals(site.annotation().getAnnotationType().toString())) {
          return new Site(field, mirror, valueOf(mirror, site.value()));
        }
      }
      return Site.of(field);
    }
    return site;
  }

  private static AnnotationValue valueOf(AnnotationMirror mirror, AnnotationValue like) {
    if (like == null) {
      return null;
    }
    for (AnnotationValue value : mirror.getElementValues().values()) {
      if (value.getValue().equals(like.getValue())) {
        return value;
      }
    }
    return null;
  }

  /** Reports an exception thrown while processing {@code element}: a bug in the processor. */
  public void bug(Element element, Throwable bug) {
    StringWriter trace = new StringWriter();
    bug.printStackTrace(new PrintWriter(trace));
    error(Site.of(element), Diagnostic.PROCESSOR_BUG, trace.toString().stripTrailing());
  }

  /** The number of errors reported so far. */
  public int errorCount() {
    return errors;
  }
}
