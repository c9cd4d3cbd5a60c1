package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.JavaName;
import dev.ssekit.processor.internal.model.Site;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/** How the model names things: classes, their codecs, bean properties and their JSON names. */
final class Names {
  private Names() {}

  /** The name of a class as the model spells it. */
  static JavaName of(TypeElement type) {
    Deque<String> names = new ArrayDeque<>();
    Element e = type;
    while (e != null && (e.getKind().isClass() || e.getKind().isInterface())) {
      names.addFirst(e.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    while (e != null && e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    String pkg = e == null ? "" : ((PackageElement) e).getQualifiedName().toString();
    return new JavaName(pkg, new ArrayList<>(names));
  }

  /** The name of the codec generated for an event class: {@code Outer_Inner_SseCodec}. */
  static JavaName codecOf(JavaName event) {
    return new JavaName(event.packageName(), List.of(event.flatName() + "_SseCodec"));
  }

  /** The first {@code @SseProperty} among a property's members, or {@code null}. */
  static Site renameSite(Element... members) {
    for (Element member : members) {
      Site site = Annotations.stringValueSite(member, Annotations.SSE_PROPERTY, "value");
      if (site != null) {
        return site;
      }
    }
    return null;
  }

  /** The property's name in JSON: its {@code @SseProperty} value, else its Java name. */
  static String json(String javaName, Site rename) {
    String renamed = Annotations.stringValue(rename);
    return renamed != null ? renamed : javaName;
  }

  /** JavaBeans decapitalization: {@code Name} → {@code name}, but {@code URL} stays. */
  static String decapitalize(String name) {
    if (name.length() > 1
        && Character.isUpperCase(name.charAt(0))
        && Character.isUpperCase(name.charAt(1))) {
      return name;
    }
    return Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }
}
