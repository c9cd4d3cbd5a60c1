package dev.ssekit.processor.internal.read;

import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;

/** What the generated codec, which lives in the event's package, may name and call. */
final class Access {
  private final Elements elements;
  private final String codecPackage;

  Access(Elements elements, String codecPackage) {
    this.elements = elements;
    this.codecPackage = codecPackage;
  }

  /** True when the codec can name {@code type} and every class it is nested in. */
  boolean type(TypeElement type) {
    for (Element e = type;
        e != null && e.getKind() != ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      if (!(e.getKind().isClass() || e.getKind().isInterface())) {
        return false; // a local or anonymous class cannot be named from outside its method
      }
      if (!member(e)) {
        return false;
      }
    }
    return true;
  }

  /** True when the codec can use {@code member} (its enclosing class being accessible). */
  boolean member(Element member) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    return elements.getPackageOf(member).getQualifiedName().contentEquals(codecPackage);
  }
}
