package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.Declaration;
import dev.ssekit.processor.internal.model.EventHeader;
import dev.ssekit.processor.internal.model.EventModel;
import dev.ssekit.processor.internal.model.JavaName;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.Site;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;

/**
 * Reads an {@code @SseEvent} class, and every record, class and enum its properties reach, into an
 * {@link EventModel}. It decides nothing about validity and reports nothing: whatever it cannot map
 * is recorded in the model for the validator.
 */
public final class ModelReader {
  private final Elements elements;
  private final Types types;
  private final TypeMapper mapper;

  /** A reader using javac's utilities. */
  public ModelReader(Elements elements, Types types) {
    this.elements = elements;
    this.types = types;
    this.mapper = new TypeMapper(elements, types);
  }

  /** The event's name and codec name, without reading its members. */
  public EventHeader readHeader(TypeElement event) {
    Site nameSite = Annotations.stringValueSite(event, Annotations.SSE_EVENT, "name");
    JavaName name = Names.of(event);
    return new EventHeader(Annotations.stringValue(nameSite), nameSite, name, Names.codecOf(name));
  }

  /** Reads the event class and everything it reaches. */
  public EventModel readEvent(TypeElement event) {
    EventHeader header = readHeader(event);
    Access access =
        new Access(elements, elements.getPackageOf(event).getQualifiedName().toString());
    ReachedTypes reach = new ReachedTypes(mapper);
    Map<String, ObjectModel> models = new LinkedHashMap<>();
    ObjectModel root = readObject(event, Site.of(event), access, reach);
    models.put(event.getQualifiedName().toString(), root);
    for (ReachedTypes.Reached next = reach.next(); next != null; next = reach.next()) {
      models.put(
          next.type().getQualifiedName().toString(),
          readObject(next.type(), next.site(), access, reach));
    }
    List<ObjectModel> nested = new ArrayList<>(models.values());
    nested.remove(root);
    return new EventModel(
        header.eventName(),
        header.nameSite(),
        root,
        nested,
        new IdReader(elements, access, reach).read(event, root),
        header.codecName());
  }

  private ObjectModel readObject(TypeElement type, Site site, Access access, ReachedTypes reach) {
    reach.reading(type);
    boolean generic = !type.getTypeParameters().isEmpty();
    boolean inner =
        type.getKind() == ElementKind.CLASS
            && type.getNestingKind() == NestingKind.MEMBER
            && !type.getModifiers().contains(Modifier.STATIC);
    boolean accessible = access.type(type);
    boolean instantiable =
        type.getKind() == ElementKind.RECORD
            || type.getKind() == ElementKind.ENUM
            || (type.getKind() == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.ABSTRACT));
    Declaration declaration = declarationOf(type);
    JavaName name = Names.of(type);
    if (type.getKind() == ElementKind.ENUM) {
      return new ObjectModel(
          name,
          site,
          declaration,
          false,
          false,
          accessible,
          true,
          List.of(),
          Creator.simple(Creator.Kind.ENUM));
    }
    if (generic || inner || !accessible || !instantiable) {
      // The type as a whole is unusable; its members would only add noise to that one error.
      return new ObjectModel(
          name,
          site,
          declaration,
          generic,
          inner,
          accessible,
          instantiable,
          List.of(),
          Creator.none(0));
    }
    if (type.getKind() == ElementKind.RECORD) {
      return RecordReader.read(type, site, declaration, reach);
    }
    ClassMembers members = new ClassMembers(types, type, access);
    return new ClassReader(elements, members, access, reach, type).read(site, declaration);
  }

  private static Declaration declarationOf(TypeElement type) {
    switch (type.getKind()) {
      case RECORD:
        return Declaration.RECORD;
      case ENUM:
        return Declaration.ENUM;
      case INTERFACE:
        return Declaration.INTERFACE;
      case ANNOTATION_TYPE:
        return Declaration.ANNOTATION_TYPE;
      default:
        return type.getModifiers().contains(Modifier.ABSTRACT)
            ? Declaration.ABSTRACT_CLASS
            : Declaration.CLASS;
    }
  }
}
