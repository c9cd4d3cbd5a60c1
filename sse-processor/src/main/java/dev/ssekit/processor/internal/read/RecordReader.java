package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.Declaration;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.Property;
import dev.ssekit.processor.internal.model.Site;
import dev.ssekit.processor.internal.model.TypeRef;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;

/** Reads a record: its components are the properties and its canonical constructor creates it. */
final class RecordReader {
  private RecordReader() {}

  static ObjectModel read(
      TypeElement type, Site site, Declaration declaration, ReachedTypes reach) {
    List<Property> properties = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      ExecutableElement accessor = component.getAccessor();
      String javaName = component.getSimpleName().toString();
      boolean ignored =
          Annotations.has(component, Annotations.SSE_IGNORE)
              || Annotations.has(accessor, Annotations.SSE_IGNORE);
      Site rename = Names.renameSite(component, accessor);
      Site propertySite = Site.of(component);
      TypeRef ref =
          ignored ? reach.mapOnly(component.asType()) : reach.map(component.asType(), propertySite);
      properties.add(
          new Property(
              javaName,
              Names.json(javaName, rename),
              propertySite,
              rename,
              ref,
              Accessor.method(accessor.getSimpleName().toString()),
              Accessor.parameter(javaName),
              ignored));
      parameters.add(javaName);
    }
    return new ObjectModel(
        Names.of(type),
        site,
        declaration,
        false,
        false,
        true,
        true,
        properties,
        new Creator(Creator.Kind.CONSTRUCTOR, parameters, List.of(), 0));
  }
}
