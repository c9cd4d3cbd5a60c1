package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.Declaration;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.Property;
import dev.ssekit.processor.internal.model.Site;
import dev.ssekit.processor.internal.model.TypeRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;

/**
 * Reads a concrete class: its properties from fields (its own and its superclasses') and bean
 * accessors, and the way to create it.
 */
final class ClassReader {
  private final Elements elements;
  private final TypeElement type;
  private final ClassMembers members;
  private final Access access;
  private final ReachedTypes reach;
  private final Map<String, PropertyDraft> drafts = new LinkedHashMap<>();

  ClassReader(
      Elements elements,
      ClassMembers members,
      Access access,
      ReachedTypes reach,
      TypeElement type) {
    this.elements = elements;
    this.type = type;
    this.members = members;
    this.access = access;
    this.reach = reach;
  }

  ObjectModel read(Site site, Declaration declaration) {
    collectFields();
    collectAccessors();
    Creator creator = CreatorChoice.choose(type, members, drafts);
    List<Property> properties = new ArrayList<>();
    for (PropertyDraft draft : drafts.values()) {
      boolean ignored = draft.ignored();
      Site rename = Names.renameSite(draft.members().toArray(new Element[0]));
      if (rename == null) {
        rename = draft.parameterRename;
      }
      Site propertySite = Site.of(draft.primary());
      TypeMirror propertyType = draft.type();
      TypeRef ref = ignored ? reach.mapOnly(propertyType) : reach.map(propertyType, propertySite);
      Accessor setter;
      if (creator.kind() == Creator.Kind.CONSTRUCTOR) {
        setter = draft.constructorParameter;
      } else {
        setter = draft.setterAccessor();
      }
      properties.add(
          new Property(
              draft.name,
              Names.json(draft.name, rename),
              propertySite,
              rename,
              ref,
              draft.getterAccessor(),
              setter,
              ignored));
    }
    return new ObjectModel(
        Names.of(type), site, declaration, false, false, true, true, properties, creator);
  }

  private void collectFields() {
    List<TypeElement> hierarchy = new ArrayList<>();
    for (TypeElement t = type; t != null; t = superclassOf(t)) {
      hierarchy.add(0, t);
    }
    for (TypeElement t : hierarchy) {
      for (VariableElement field : ElementFilter.fieldsIn(t.getEnclosedElements())) {
        if (field.getModifiers().contains(Modifier.STATIC)) {
          continue;
        }
        String name = field.getSimpleName().toString();
        // A subclass field hides the superclass one; the codec sees what the subclass sees.
        draft(name).field = field;
      }
    }
  }

  private static TypeElement superclassOf(TypeElement t) {
    TypeMirror superclass = t.getSuperclass();
    if (superclass.getKind() != TypeKind.DECLARED) {
      return null;
    }
    TypeElement element = (TypeElement) ((DeclaredType) superclass).asElement();
    String name = element.getQualifiedName().toString();
    return name.startsWith("java.") ? null : element;
  }

  private void collectAccessors() {
    Map<String, ExecutableElement> getters = new LinkedHashMap<>();
    Map<String, List<ExecutableElement>> setters = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(elements.getAllMembers(type))) {
      Set<Modifier> modifiers = method.getModifiers();
      if (modifiers.contains(Modifier.STATIC)
          || method.getEnclosingElement().getSimpleName().contentEquals("Object")
              && ((TypeElement) method.getEnclosingElement())
                  .getQualifiedName()
                  .contentEquals("java.lang.Object")) {
        continue;
      }
      String methodName = method.getSimpleName().toString();
      String property = getterProperty(method, methodName);
      if (property != null) {
        getters.putIfAbsent(property, method);
        continue;
      }
      if (methodName.length() > 3
          && methodName.startsWith("set")
          && method.getParameters().size() == 1) {
        setters
            .computeIfAbsent(Names.decapitalize(methodName.substring(3)), k -> new ArrayList<>())
            .add(method);
      }
    }
    for (Map.Entry<String, ExecutableElement> e : getters.entrySet()) {
      PropertyDraft draft = drafts.get(e.getKey());
      if (draft == null) {
        // A getter with no field is a bean property only when a setter completes it; alone it is
        // a computed value, which the codec could never read back.
        if (!setters.containsKey(e.getKey())) {
          continue;
        }
        draft = draft(e.getKey());
      }
      if (draft.field == null
          || members.sameType(members.returnTypeOf(e.getValue()), members.typeOf(draft.field))) {
        draft.getter = e.getValue();
      }
    }
    for (PropertyDraft draft : drafts.values()) {
      List<ExecutableElement> candidates = setters.get(draft.name);
      if (candidates == null) {
        continue;
      }
      TypeMirror propertyType = draft.type();
      for (ExecutableElement candidate : candidates) {
        if (members.sameType(members.parameterTypesOf(candidate).get(0), propertyType)) {
          draft.setter = candidate;
          break;
        }
      }
    }
  }

  private PropertyDraft draft(String name) {
    return drafts.computeIfAbsent(name, n -> new PropertyDraft(n, members));
  }

  private static String getterProperty(ExecutableElement method, String name) {
    if (!method.getParameters().isEmpty() || method.getReturnType().getKind() == TypeKind.VOID) {
      return null;
    }
    if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
      return Names.decapitalize(name.substring(3));
    }
    if (name.length() > 2
        && name.startsWith("is")
        && Character.isUpperCase(name.charAt(2))
        && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
      return Names.decapitalize(name.substring(2));
    }
    return null;
  }
}
