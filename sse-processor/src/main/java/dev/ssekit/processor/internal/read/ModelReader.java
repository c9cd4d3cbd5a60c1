package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.EventHeader;
import dev.ssekit.processor.internal.model.EventModel;
import dev.ssekit.processor.internal.model.IdMember;
import dev.ssekit.processor.internal.model.JavaName;
import dev.ssekit.processor.internal.model.ObjectModel;
import dev.ssekit.processor.internal.model.Property;
import dev.ssekit.processor.internal.model.Site;
import dev.ssekit.processor.internal.model.TypeRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
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

  /** The name of a class as the model spells it. */
  static JavaName nameOf(TypeElement type) {
    Deque<String> names = new ArrayDeque<>();
    Element e = type;
    while (e != null && (e.getKind().isClass() || e.getKind().isInterface())) {
      names.addFirst(e.getSimpleName().toString());
      e = e.getEnclosingElement();
    }
    while (e != null && e.getKind() != ElementKind.PACKAGE) {
      e = e.getEnclosingElement();
    }
    String pkg =
        e == null ? "" : ((PackageElement) e).getQualifiedName().toString();
    return new JavaName(pkg, new ArrayList<>(names));
  }

  /** The name of the codec generated for an event class: {@code Outer_Inner_SseCodec}. */
  public static JavaName codecNameOf(JavaName event) {
    return new JavaName(event.packageName(), List.of(event.flatName() + "_SseCodec"));
  }

  /** The event's name and codec name, without reading its members. */
  public EventHeader readHeader(TypeElement event) {
    Site nameSite = Annotations.stringValueSite(event, Annotations.SSE_EVENT, "name");
    JavaName name = nameOf(event);
    return new EventHeader(Annotations.stringValue(nameSite), nameSite, name, codecNameOf(name));
  }

  /** Reads the event class and everything it reaches. */
  public EventModel readEvent(TypeElement event) {
    EventHeader header = readHeader(event);
    Context context = new Context(elements.getPackageOf(event).getQualifiedName().toString());
    ObjectModel root = readObject(event, Site.of(event), context);
    context.models.put(event.getQualifiedName().toString(), root);
    while (!context.pending.isEmpty()) {
      Pending next = context.pending.removeFirst();
      context.models.put(
          next.type.getQualifiedName().toString(), readObject(next.type, next.site, context));
    }
    List<ObjectModel> nested = new ArrayList<>(context.models.values());
    nested.remove(root);
    return new EventModel(
        header.eventName(),
        header.nameSite(),
        root,
        nested,
        readIds(event, context),
        header.codecName());
  }

  /** What one event's reading has found so far. */
  private static final class Context {
    final String accessPackage;
    final Map<String, ObjectModel> models = new LinkedHashMap<>();
    final Map<String, Boolean> seen = new LinkedHashMap<>();
    final Deque<Pending> pending = new ArrayDeque<>();

    Context(String accessPackage) {
      this.accessPackage = accessPackage;
    }
  }

  private record Pending(TypeElement type, Site site) {}

  private TypeRef mapReaching(TypeMirror type, Site site, Context context) {
    return mapper.map(
        type,
        (element, declared) -> {
          String key = element.getQualifiedName().toString();
          if (context.seen.putIfAbsent(key, Boolean.TRUE) == null) {
            context.pending.addLast(new Pending(element, site));
          }
        });
  }

  private ObjectModel readObject(TypeElement type, Site site, Context context) {
    context.seen.put(type.getQualifiedName().toString(), Boolean.TRUE);
    boolean generic = !type.getTypeParameters().isEmpty();
    boolean inner =
        type.getKind() == ElementKind.CLASS
            && type.getNestingKind() == NestingKind.MEMBER
            && !type.getModifiers().contains(Modifier.STATIC);
    boolean accessible = typeAccessible(type, context.accessPackage);
    boolean instantiable =
        type.getKind() == ElementKind.RECORD
            || type.getKind() == ElementKind.ENUM
            || (type.getKind() == ElementKind.CLASS
                && !type.getModifiers().contains(Modifier.ABSTRACT));
    String declaration = describe(type);
    JavaName name = nameOf(type);
    if (type.getKind() == ElementKind.ENUM) {
      return new ObjectModel(
          name, site, declaration, false, false, accessible, true, List.of(),
          Creator.simple(Creator.Kind.ENUM));
    }
    if (generic || inner || !accessible || !instantiable) {
      // The type as a whole is unusable; its members would only add noise to that one error.
      return new ObjectModel(
          name, site, declaration, generic, inner, accessible, instantiable, List.of(),
          Creator.none(""));
    }
    if (type.getKind() == ElementKind.RECORD) {
      return readRecord(type, site, declaration, context);
    }
    return new ClassReader(type, context).read(site, declaration);
  }

  private ObjectModel readRecord(TypeElement type, Site site, String declaration, Context context) {
    List<Property> properties = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    for (RecordComponentElement component : type.getRecordComponents()) {
      ExecutableElement accessor = component.getAccessor();
      String javaName = component.getSimpleName().toString();
      boolean ignored =
          Annotations.has(component, Annotations.SSE_IGNORE)
              || Annotations.has(accessor, Annotations.SSE_IGNORE);
      Site rename = renameSite(component, accessor);
      Site propertySite = Site.of(component);
      TypeRef ref =
          ignored
              ? mapper.map(component.asType(), null)
              : mapReaching(component.asType(), propertySite, context);
      properties.add(
          new Property(
              javaName,
              jsonName(javaName, rename),
              propertySite,
              rename,
              ref,
              Accessor.method(accessor.getSimpleName().toString()),
              Accessor.parameter(javaName),
              ignored));
      parameters.add(javaName);
    }
    return new ObjectModel(
        nameOf(type), site, declaration, false, false, true, true, properties,
        new Creator(Creator.Kind.CONSTRUCTOR, parameters, List.of(), ""));
  }

  /** Reads a concrete class: fields, bean accessors and the way to create it. */
  private final class ClassReader {
    private final TypeElement type;
    private final DeclaredType self;
    private final Context context;
    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    ClassReader(TypeElement type, Context context) {
      this.type = type;
      this.self = (DeclaredType) type.asType();
      this.context = context;
    }

    /** A property while it is being put together from its field and accessors. */
    private final class Draft {
      final String name;
      VariableElement field;
      ExecutableElement getter;
      ExecutableElement setter;
      Accessor constructorParameter;
      Site parameterRename;

      Draft(String name) {
        this.name = name;
      }

      List<Element> members() {
        List<Element> members = new ArrayList<>(3);
        for (Element e : new Element[] {field, getter, setter}) {
          if (e != null) {
            members.add(e);
          }
        }
        return members;
      }

      Element primary() {
        return field != null ? field : getter;
      }

      TypeMirror type() {
        return field != null ? asMemberOf(field) : returnType(getter);
      }

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

      Accessor getterAccessor() {
        if (getter != null && accessible(getter)) {
          return Accessor.method(getter.getSimpleName().toString());
        }
        if (field != null && accessible(field)) {
          return Accessor.field(name);
        }
        return null;
      }

      Accessor setterAccessor() {
        if (setter != null && accessible(setter)) {
          return Accessor.method(setter.getSimpleName().toString());
        }
        if (field != null && accessible(field) && !field.getModifiers().contains(Modifier.FINAL)) {
          return Accessor.field(name);
        }
        return null;
      }
    }

    ObjectModel read(Site site, String declaration) {
      collectFields();
      collectAccessors();
      Creator creator = chooseCreator();
      List<Property> properties = new ArrayList<>();
      for (Draft draft : drafts.values()) {
        boolean ignored = draft.ignored();
        List<Element> members = draft.members();
        Site rename = renameSite(members.toArray(new Element[0]));
        if (rename == null) {
          rename = draft.parameterRename;
        }
        Site propertySite = Site.of(draft.primary());
        TypeMirror propertyType = draft.type();
        TypeRef ref =
            ignored
                ? mapper.map(propertyType, null)
                : mapReaching(propertyType, propertySite, context);
        Accessor setter;
        if (creator.kind() == Creator.Kind.CONSTRUCTOR) {
          setter = draft.constructorParameter;
        } else {
          setter = draft.setterAccessor();
        }
        properties.add(
            new Property(
                draft.name,
                jsonName(draft.name, rename),
                propertySite,
                rename,
                ref,
                draft.getterAccessor(),
                setter,
                ignored));
      }
      return new ObjectModel(
          nameOf(type), site, declaration, false, false, true, true, properties, creator);
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
          drafts.computeIfAbsent(name, Draft::new).field = field;
        }
      }
    }

    private TypeElement superclassOf(TypeElement t) {
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
              .computeIfAbsent(decapitalize(methodName.substring(3)), k -> new ArrayList<>())
              .add(method);
        }
      }
      for (Map.Entry<String, ExecutableElement> e : getters.entrySet()) {
        Draft draft = drafts.get(e.getKey());
        if (draft == null) {
          // A getter with no field is a bean property only when a setter completes it; alone it is
          // a computed value, which the codec could never read back.
          if (!setters.containsKey(e.getKey())) {
            continue;
          }
          draft = new Draft(e.getKey());
          drafts.put(e.getKey(), draft);
        }
        if (draft.field == null
            || types.isSameType(returnType(e.getValue()), asMemberOf(draft.field))) {
          draft.getter = e.getValue();
        }
      }
      for (Draft draft : drafts.values()) {
        List<ExecutableElement> candidates = setters.get(draft.name);
        if (candidates == null) {
          continue;
        }
        TypeMirror propertyType = draft.type();
        for (ExecutableElement candidate : candidates) {
          TypeMirror parameter =
              ((ExecutableType) types.asMemberOf(self, candidate)).getParameterTypes().get(0);
          if (types.isSameType(parameter, propertyType)) {
            draft.setter = candidate;
            break;
          }
        }
      }
    }

    private String getterProperty(ExecutableElement method, String name) {
      if (!method.getParameters().isEmpty() || method.getReturnType().getKind() == TypeKind.VOID) {
        return null;
      }
      if (name.length() > 3 && name.startsWith("get") && Character.isUpperCase(name.charAt(3))) {
        return decapitalize(name.substring(3));
      }
      if (name.length() > 2
          && name.startsWith("is")
          && Character.isUpperCase(name.charAt(2))
          && method.getReturnType().getKind() == TypeKind.BOOLEAN) {
        return decapitalize(name.substring(2));
      }
      return null;
    }

    private Creator chooseCreator() {
      List<ExecutableElement> constructors =
          ElementFilter.constructorsIn(type.getEnclosedElements());
      ExecutableElement noArg = null;
      List<ExecutableElement> withParameters = new ArrayList<>();
      for (ExecutableElement constructor : constructors) {
        if (!accessible(constructor)) {
          continue;
        }
        if (constructor.getParameters().isEmpty()) {
          noArg = constructor;
        } else {
          withParameters.add(constructor);
        }
      }
      boolean allSettable = true;
      for (Draft draft : drafts.values()) {
        if (!draft.ignored() && draft.setterAccessor() == null) {
          allSettable = false;
        }
      }
      if (noArg != null && (allSettable || withParameters.size() != 1)) {
        return Creator.simple(Creator.Kind.NO_ARG);
      }
      if (withParameters.size() == 1) {
        return matchConstructor(withParameters.get(0));
      }
      if (withParameters.isEmpty()) {
        return Creator.none(
            "it has no constructor the generated code can call (in package "
                + context.accessPackage
                + "); add a public no-arg constructor with setters, or one constructor taking"
                + " every property");
      }
      return Creator.none(
          "it has "
              + withParameters.size()
              + " constructors with parameters and no accessible no-arg constructor; keep a"
              + " single constructor whose parameter names match the properties");
    }

    private Creator matchConstructor(ExecutableElement constructor) {
      List<String> parameters = new ArrayList<>();
      List<Site> unmatched = new ArrayList<>();
      List<? extends TypeMirror> parameterTypes =
          ((ExecutableType) types.asMemberOf(self, constructor)).getParameterTypes();
      for (int i = 0; i < constructor.getParameters().size(); i++) {
        VariableElement parameter = constructor.getParameters().get(i);
        String name = parameter.getSimpleName().toString();
        Draft draft = drafts.get(name);
        if (draft == null
            || draft.constructorParameter != null
            || !types.isSameType(parameterTypes.get(i), draft.type())) {
          unmatched.add(Site.of(parameter));
          continue;
        }
        draft.constructorParameter = Accessor.parameter(name);
        draft.parameterRename =
            Annotations.stringValueSite(parameter, Annotations.SSE_PROPERTY, "value");
        parameters.add(name);
      }
      return new Creator(Creator.Kind.CONSTRUCTOR, parameters, unmatched, "");
    }

    private TypeMirror asMemberOf(VariableElement field) {
      return types.asMemberOf(self, field);
    }

    private TypeMirror returnType(ExecutableElement method) {
      return ((ExecutableType) types.asMemberOf(self, method)).getReturnType();
    }

    private boolean accessible(Element member) {
      return memberAccessible(member, context.accessPackage);
    }
  }

  private List<IdMember> readIds(TypeElement event, Context context) {
    ObjectModel root = context.models.get(event.getQualifiedName().toString());
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
                  mapper.map(component.asType(), null)));
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
                && memberAccessible(method, context.accessPackage)
                && !method.getModifiers().contains(Modifier.STATIC);
        ids.add(
            new IdMember(
                name + "()",
                site,
                usable ? Accessor.method(name) : null,
                mapper.map(method.getReturnType(), null)));
      } else {
        boolean usable =
            memberAccessible(member, context.accessPackage)
                && !member.getModifiers().contains(Modifier.STATIC);
        ids.add(
            new IdMember(
                name,
                site,
                usable ? Accessor.field(name) : null,
                mapper.map(member.asType(), null)));
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

  private static Site renameSite(Element... members) {
    for (Element member : members) {
      Site site = Annotations.stringValueSite(member, Annotations.SSE_PROPERTY, "value");
      if (site != null) {
        return site;
      }
    }
    return null;
  }

  private static String jsonName(String javaName, Site rename) {
    String renamed = Annotations.stringValue(rename);
    return renamed != null ? renamed : javaName;
  }

  private boolean typeAccessible(TypeElement type, String accessPackage) {
    for (Element e = type; e != null && e.getKind() != ElementKind.PACKAGE;
        e = e.getEnclosingElement()) {
      if (!(e.getKind().isClass() || e.getKind().isInterface())) {
        return false; // a local or anonymous class cannot be named from outside its method
      }
      if (!memberAccessible(e, accessPackage)) {
        return false;
      }
    }
    return true;
  }

  private boolean memberAccessible(Element member, String accessPackage) {
    Set<Modifier> modifiers = member.getModifiers();
    if (modifiers.contains(Modifier.PRIVATE)) {
      return false;
    }
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    return elements.getPackageOf(member).getQualifiedName().contentEquals(accessPackage);
  }

  private static String describe(TypeElement type) {
    switch (type.getKind()) {
      case RECORD:
        return "a record";
      case ENUM:
        return "an enum";
      case INTERFACE:
        return "an interface";
      case ANNOTATION_TYPE:
        return "an annotation type";
      default:
        return type.getModifiers().contains(Modifier.ABSTRACT) ? "an abstract class" : "a class";
    }
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
