package dev.ssekit.processor.internal.validate;

import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.EventHeader;
import dev.ssekit.processor.internal.model.EventModel;
import dev.ssekit.processor.internal.model.IdMember;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.Property;
import dev.ssekit.processor.internal.model.Site;
import dev.ssekit.processor.internal.model.TypeRef;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;

/**
 * Checks an {@link EventModel} before anything is emitted, reporting every problem it finds (not
 * only the first), so that one build shows them all.
 */
public final class ModelValidator {
  private final Reporter reporter;

  /** A validator reporting to {@code reporter}. */
  public ModelValidator(Reporter reporter) {
    this.reporter = reporter;
  }

  /**
   * True when the model still contains types javac has not resolved, which another processor may
   * generate in a later round.
   */
  public static boolean hasUnresolvedTypes(EventModel event) {
    for (ObjectModel object : allObjects(event)) {
      for (Property property : object.properties()) {
        if (property.type() instanceof TypeRef.Unresolved) {
          return true;
        }
      }
    }
    return false;
  }

  /** Checks the event and reports its problems; true when code can be generated for it. */
  public boolean validate(EventModel event) {
    Check check = new Check();
    check.name(event);
    ObjectModel root = event.root();
    String codecPackage = event.codecName().packageName();
    String rootSubject = Diagnostic.eventSubject(root.name());
    if (check.structure(root, rootSubject, codecPackage)) {
      if (root.isEnum()) {
        check.report(
            root.site(),
            Diagnostic.NOT_A_DATA_TYPE,
            rootSubject,
            Diagnostic.declaration(root.declaration()));
      } else {
        check.members(root, rootSubject, codecPackage);
      }
    }
    check.ids(event);
    for (ObjectModel nested : event.nested()) {
      Element use = nested.site().element();
      String subject =
          Diagnostic.reachedSubject(
              nested.name(), use.getSimpleName(), use.getEnclosingElement().getSimpleName());
      if (check.structure(nested, subject, codecPackage) && !nested.isEnum()) {
        check.members(nested, subject, codecPackage);
      }
    }
    return !check.failed;
  }

  /** Reports event names claimed by more than one class, on each of those classes. */
  public void checkUniqueNames(List<EventHeader> events) {
    Map<String, EventHeader> first = new HashMap<>();
    for (EventHeader event : events) {
      if (event.eventName() == null) {
        continue;
      }
      EventHeader earlier = first.putIfAbsent(event.eventName(), event);
      if (earlier != null) {
        reporter.error(
            event.nameSite(), Diagnostic.DUPLICATE_EVENT_NAME, event.eventName(), earlier.type());
        reporter.error(
            earlier.nameSite(), Diagnostic.DUPLICATE_EVENT_NAME, event.eventName(), event.type());
      }
    }
  }

  /** The checks of one event, remembering whether any failed. */
  private final class Check {
    boolean failed;

    void report(Site site, Diagnostic diagnostic, Object... args) {
      failed = true;
      reporter.error(site, diagnostic, args);
    }

    void name(EventModel event) {
      String name = event.eventName();
      if (name == null) {
        failed = true; // javac reports the annotation it could not evaluate
        return;
      }
      if (name.isEmpty()) {
        report(event.nameSite(), Diagnostic.EVENT_NAME_EMPTY);
      } else if (name.indexOf('\r') >= 0 || name.indexOf('\n') >= 0) {
        report(
            event.nameSite(),
            Diagnostic.EVENT_NAME_LINE_BREAK,
            name.replace("\r", "\\r").replace("\n", "\\n"));
      } else if (hasUnpairedSurrogate(name)) {
        report(event.nameSite(), Diagnostic.EVENT_NAME_UNENCODABLE, name);
      }
    }

    boolean structure(ObjectModel object, String subject, String codecPackage) {
      boolean ok = true;
      if (object.generic()) {
        report(object.site(), Diagnostic.GENERIC_TYPE, subject);
        ok = false;
      }
      if (object.innerClass()) {
        report(object.site(), Diagnostic.INNER_CLASS, subject);
        ok = false;
      }
      if (!object.accessible()) {
        report(object.site(), Diagnostic.INACCESSIBLE_TYPE, subject, codecPackage);
        ok = false;
      }
      if (!object.instantiable()) {
        report(
            object.site(),
            Diagnostic.NOT_A_DATA_TYPE,
            subject,
            Diagnostic.declaration(object.declaration()));
        ok = false;
      }
      return ok;
    }

    void members(ObjectModel object, String subject, String codecPackage) {
      Creator creator = object.creator();
      if (creator.kind() == Creator.Kind.NONE) {
        report(
            object.site(),
            Diagnostic.NO_USABLE_CONSTRUCTOR,
            subject,
            Diagnostic.noCreator(creator, codecPackage));
      }
      for (Site parameter : creator.unmatchedParameters()) {
        report(
            parameter,
            Diagnostic.UNMATCHED_CONSTRUCTOR_PARAMETER,
            parameter.element().getSimpleName(),
            object.name(),
            object.name().simpleName());
      }
      Map<String, Property> byJsonName = new LinkedHashMap<>();
      for (Property property : object.properties()) {
        if (property.ignored()) {
          continue;
        }
        property(object, property);
        if (property.renameSite() != null && property.jsonName().isEmpty()) {
          report(
              property.renameSite(),
              Diagnostic.EMPTY_PROPERTY_NAME,
              property.javaName(),
              object.name());
          continue;
        }
        Property earlier = byJsonName.putIfAbsent(property.jsonName(), property);
        if (earlier != null) {
          report(
              property.renameSite() != null ? property.renameSite() : property.site(),
              Diagnostic.DUPLICATE_PROPERTY_NAME,
              property.jsonName(),
              property.javaName(),
              earlier.javaName(),
              object.name());
        }
      }
    }

    private void property(ObjectModel object, Property property) {
      TypeRef type = property.type();
      if (type instanceof TypeRef.Unsupported) {
        TypeRef.Unsupported unsupported = (TypeRef.Unsupported) type;
        report(
            property.site(),
            Diagnostic.UNSUPPORTED_TYPE,
            property.javaName(),
            object.name(),
            unsupported.typeText(),
            Diagnostic.reason(unsupported));
      } else if (type instanceof TypeRef.Unresolved) {
        failed = true; // javac reports the missing type itself
      }
      boolean readable = property.getter() != null;
      if (!readable) {
        report(
            property.site(),
            Diagnostic.MEMBER_NOT_ACCESSIBLE,
            property.javaName(),
            object.name(),
            object.name().packageName());
      }
      Creator.Kind creator = object.creator().kind();
      // An unreadable member is usually unsettable too; one message (make it accessible) covers
      // both.
      if (readable && property.setter() == null && creator != Creator.Kind.NONE) {
        report(
            property.site(),
            Diagnostic.PROPERTY_NOT_SETTABLE,
            property.javaName(),
            object.name(),
            Diagnostic.notSettable(creator, property.javaName()));
      }
    }

    void ids(EventModel event) {
      List<IdMember> ids = event.ids();
      for (int i = 0; i < ids.size(); i++) {
        IdMember id = ids.get(i);
        if (i > 0) {
          report(id.site(), Diagnostic.MULTIPLE_IDS, id.name(), event.type());
        }
        if (id.getter() == null) {
          report(id.site(), Diagnostic.ID_NOT_ACCESSIBLE, id.name(), event.type());
        }
        TypeRef type = id.type();
        boolean scalar =
            type instanceof TypeRef.Primitive
                || type instanceof TypeRef.Boxed
                || type instanceof TypeRef.Value
                || type instanceof TypeRef.EnumRef;
        if (!scalar && !(type instanceof TypeRef.Unresolved)) {
          report(
              id.site(),
              Diagnostic.ID_UNSUPPORTED_TYPE,
              id.name(),
              event.type(),
              typeText(id.site().element()));
        }
      }
    }
  }

  private static Object typeText(Element member) {
    return member instanceof javax.lang.model.element.ExecutableElement
        ? ((javax.lang.model.element.ExecutableElement) member).getReturnType()
        : member.asType();
  }

  private static List<ObjectModel> allObjects(EventModel event) {
    List<ObjectModel> all = new java.util.ArrayList<>(event.nested());
    all.add(0, event.root());
    return all;
  }

  private static boolean hasUnpairedSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}
