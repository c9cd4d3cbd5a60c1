package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.Site;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/** A property of a class while it is being put together from its field and accessors. */
final class PropertyDraft {
  final String name;
  private final ClassMembers members;
  VariableElement field;
  ExecutableElement getter;
  ExecutableElement setter;
  Accessor constructorParameter;
  Site parameterRename;

  PropertyDraft(String name, ClassMembers members) {
    this.name = name;
    this.members = members;
  }

  /** The field, getter and setter found, in that order. */
  List<Element> members() {
    List<Element> found = new ArrayList<>(3);
    for (Element e : new Element[] {field, getter, setter}) {
      if (e != null) {
        found.add(e);
      }
    }
    return found;
  }

  /** Where the property's problems are reported: its field, else its getter. */
  Element primary() {
    return field != null ? field : getter;
  }

  TypeMirror type() {
    return field != null ? members.typeOf(field) : members.returnTypeOf(getter);
  }

  /** True when the property is {@code transient} or any of its members is {@code @SseIgnore}. */
  boolean ignored() {
    if (field != null && field.getModifiers().contains(Modifier.TRANSIENT)) {
      return true;
    }
    for (Element member : members()) {
      if (Annotations.has(member, Annotations.SSE_IGNORE)) {
        return true;
      }
    }
    return false;
  }

  /** How the codec reads the value: an accessible getter, else an accessible field, else null. */
  Accessor getterAccessor() {
    if (getter != null && members.accessible(getter)) {
      return Accessor.method(getter.getSimpleName().toString());
    }
    if (field != null && members.accessible(field)) {
      return Accessor.field(name);
    }
    return null;
  }

  /** How a no-arg-created value gets it: an accessible setter or non-final field, else null. */
  Accessor setterAccessor() {
    if (setter != null && members.accessible(setter)) {
      return Accessor.method(setter.getSimpleName().toString());
    }
    if (field != null
        && members.accessible(field)
        && !field.getModifiers().contains(Modifier.FINAL)) {
      return Accessor.field(name);
    }
    return null;
  }
}
