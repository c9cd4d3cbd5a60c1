package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.IdMember;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.Property;
import dev.ssekit.processor.internal.model.Site;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Elements;

/**
 * Finds the members of an event marked {@code @SseId}: record components, fields, getters and
 * no-arg methods, inherited ones included, each counted once however javac copies the annotation.
 */
final class IdReader {
  private final Elements elements;
  private final Access access;
  private final ReachedTypes reach;

  IdReader(Elements elements, Access access, ReachedTypes reach) {
    this.elements = elements;
    this.access = access;
    this.reach = reach;
  }

  /** Every marked member; the validator reports all but the first, and any unusable one. */
  List<IdMember> read(TypeElement event, ObjectModel root) {
    List<IdMember> ids = new ArrayList<>();
    if (event.getKind() == ElementKind.RECORD) {
      for (RecordComponentElement component : event.getRecordComponents()) {
        ExecutableElement accessor = component.getAccessor();
        Element marked = Annotations.has(component, Annotations.SSE_ID) ? component : accessor;
        if (Annotations.has(marked, Annotations.SSE_ID)) {
          ids.add(
              new IdMember(
                  component.getSimpleName().toString(),
                  new Site(marked, Annotations.find(marked, Annotations.SSE_ID), null),
                  Accessor.method(accessor.getSimpleName().toString()),
                  reach.mapOnly(component.asType())));
        }
      }
    }
    for (Element member : membersWithId(event)) {
      if (event.getKind() == ElementKind.RECORD
          && (member.getKind() == ElementKind.FIELD || isRecordAccessor(event, member))) {
        continue; // javac copies a component's @SseId to its field and accessor: counted above
      }
      Site site = new Site(member, Annotations.find(member, Annotations.SSE_ID), null);
      String name = member.getSimpleName().toString();
      Property property = propertyOf(root, member);
      if (property != null && alreadyCounted(ids, property.javaName())) {
        continue;
      }
      if (property != null) {
        ids.add(new IdMember(property.javaName(), site, property.getter(), property.type()));
        continue;
      }
      if (member.getKind() == ElementKind.METHOD) {
        ExecutableElement method = (ExecutableElement) member;
        boolean usable =
            method.getParameters().isEmpty()
                && method.getReturnType().getKind() != TypeKind.VOID
                && access.member(method)
                && !method.getModifiers().contains(Modifier.STATIC);
        ids.add(
            new IdMember(
                name + "()",
                site,
                usable ? Accessor.method(name) : null,
                reach.mapOnly(method.getReturnType())));
      } else {
        boolean usable = access.member(member) && !member.getModifiers().contains(Modifier.STATIC);
        ids.add(
            new IdMember(
                name, site, usable ? Accessor.field(name) : null, reach.mapOnly(member.asType())));
      }
    }
    return ids;
  }

  private static boolean alreadyCounted(List<IdMember> ids, String name) {
    for (IdMember id : ids) {
      if (id.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private List<Element> membersWithId(TypeElement event) {
    List<Element> found = new ArrayList<>();
    for (Element member : elements.getAllMembers(event)) {
      if ((member.getKind() == ElementKind.FIELD || member.getKind() == ElementKind.METHOD)
          && Annotations.has(member, Annotations.SSE_ID)) {
        found.add(member);
      }
    }
    return found;
  }

  private static boolean isRecordAccessor(TypeElement record, Element member) {
    for (RecordComponentElement component : record.getRecordComponents()) {
      if (member.equals(component.getAccessor())) {
        return true;
      }
    }
    return false;
  }

  /** The property whose field or accessor {@code member} is, if any. */
  private static Property propertyOf(ObjectModel root, Element member) {
    if (root == null) {
      return null;
    }
    for (Property property : root.properties()) {
      if (property.site().element().equals(member)) {
        return property;
      }
      if (property.getter() != null
          && member.getKind() == ElementKind.METHOD
          && property.getter().kind() == Accessor.Kind.METHOD
          && property.getter().name().contentEquals(member.getSimpleName())
          && ((ExecutableElement) member).getParameters().isEmpty()) {
        return property;
      }
    }
    return null;
  }
}
