package dev.ssekit.apibaseline;

import java.lang.module.ModuleDescriptor;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * Writes the public API of a {@link LibraryModule} as stable, sorted text: the module's exports,
 * then every public or protected type in them, each with its supertypes and its public and
 * protected members, one declaration per line. The same classes give the same text on every run and
 * JDK, so that a difference is always a change of API.
 *
 * <p>Only what a user can compile against is written: no private or package-private members, no
 * synthetic or bridge methods, no parameter names (renaming a parameter breaks nobody), and no
 * modifiers that do not change the contract ({@code synchronized}, {@code native}).
 */
final class ApiDump {
  /** The modifiers of a member that are part of its contract. */
  private static final int MEMBER_MODIFIERS =
      Modifier.PUBLIC | Modifier.PROTECTED | Modifier.ABSTRACT | Modifier.STATIC | Modifier.FINAL;

  private ApiDump() {}

  /**
   * The dump of {@code module}, loading its classes (without initialising them, except to read
   * constants) from {@code loader}.
   *
   * @throws ClassNotFoundException if a class of the module is not visible from {@code loader}
   */
  static String of(LibraryModule module, ClassLoader loader) throws ClassNotFoundException {
    StringBuilder out = new StringBuilder();
    out.append(moduleHeader(module));
    List<Class<?>> types = new ArrayList<>();
    for (String name : module.classNames()) {
      Class<?> type = Class.forName(name, false, loader);
      if (isApi(type)) {
        types.add(type);
      }
    }
    types.sort(Comparator.comparing(Signatures::type));
    for (Class<?> type : types) {
      out.append('\n').append(type(type));
    }
    return out.toString();
  }

  private static String moduleHeader(LibraryModule module) {
    StringBuilder out = new StringBuilder();
    ModuleDescriptor d = module.descriptor();
    if (d == null) {
      String name = module.moduleName() == null ? "(unnamed)" : module.moduleName();
      out.append("automatic module ").append(name).append('\n');
    } else {
      out.append("module ").append(d.name()).append('\n');
      // A transitive requirement is part of the API: users compile against it without asking.
      d.requires().stream()
          .filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
          .map(r -> "  requires transitive " + r.name() + "\n")
          .sorted()
          .forEach(out::append);
    }
    for (String pkg : module.exportedPackages()) {
      out.append("  exports ").append(pkg).append('\n');
    }
    if (d != null) {
      d.uses().stream().sorted().forEach(s -> out.append("  uses ").append(s).append('\n'));
    }
    return out.toString();
  }

  /** Public or protected, and so is every class it is nested in; never local or anonymous. */
  static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    int m = type.getModifiers();
    if (!Modifier.isPublic(m) && !Modifier.isProtected(m)) {
      return false;
    }
    Class<?> outer = type.getDeclaringClass();
    return outer == null || isApi(outer);
  }

  private static boolean isApi(Member member) {
    int m = member.getModifiers();
    return (Modifier.isPublic(m) || Modifier.isProtected(m)) && !member.isSynthetic();
  }

  private static String type(Class<?> type) {
    StringBuilder out = new StringBuilder();
    out.append(Signatures.documentedAnnotations(type)).append(typeHeader(type)).append('\n');
    if (type.isEnum()) {
      // In ordinal order, which is part of an enum's contract (ordinal(), compareTo, EnumSet).
      for (Object constant : type.getEnumConstants()) {
        out.append("  enum constant ").append(((Enum<?>) constant).name()).append('\n');
      }
    }
    List<Declaration> fields = new ArrayList<>();
    for (Field f : type.getDeclaredFields()) {
      if (!f.isEnumConstant() && isApi(f)) {
        fields.add(new Declaration(f.getName(), field(f)));
      }
    }
    List<Declaration> constructors = new ArrayList<>();
    for (Constructor<?> c : type.getDeclaredConstructors()) {
      if (isApi(c)) {
        constructors.add(new Declaration("", executable(c, type.getSimpleName())));
      }
    }
    List<Declaration> methods = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (isApi(m) && !m.isBridge()) {
        methods.add(new Declaration(m.getName(), method(m)));
      }
    }
    for (List<Declaration> group : List.of(fields, constructors, methods)) {
      group.sort(Comparator.comparing(Declaration::name).thenComparing(Declaration::text));
      for (Declaration d : group) {
        out.append("  ").append(d.text()).append('\n');
      }
    }
    return out.toString();
  }

  /** One member's line, and the name that orders it (overloads stay together). */
  private record Declaration(String name, String text) {}

  private static String typeHeader(Class<?> type) {
    int m = type.getModifiers();
    String kind;
    if (type.isAnnotation()) {
      kind = "@interface";
      m &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isInterface()) {
      kind = "interface";
      m &= ~(Modifier.ABSTRACT | Modifier.INTERFACE);
    } else if (type.isEnum()) {
      kind = "enum";
    } else if (type.isRecord()) {
      kind = "record";
    } else {
      kind = "class";
    }
    StringBuilder out = new StringBuilder(Modifier.toString(m & Modifier.classModifiers()));
    if (type.isSealed()) {
      out.append(" sealed");
    }
    out.append(' ').append(kind).append(' ').append(Signatures.type(type));
    out.append(Signatures.typeParameters(type));
    if (type.isRecord()) {
      StringJoiner components = new StringJoiner(", ", "(", ")");
      for (RecordComponent c : type.getRecordComponents()) {
        components.add(
            Signatures.documentedAnnotations(c)
                + Signatures.type(c.getGenericType())
                + " "
                + c.getName());
      }
      out.append(components);
    }
    Type superclass = type.getGenericSuperclass();
    if (superclass != null
        && superclass != Object.class
        && superclass != Record.class
        && !type.isEnum()) {
      out.append(" extends ").append(Signatures.type(superclass));
    }
    Type[] interfaces =
        Arrays.stream(type.getGenericInterfaces())
            .filter(i -> i != java.lang.annotation.Annotation.class)
            .toArray(Type[]::new);
    if (interfaces.length > 0) {
      out.append(type.isInterface() ? " extends " : " implements ");
      out.append(Signatures.types(interfaces));
    }
    if (type.isSealed()) {
      out.append(" permits ").append(Signatures.types(type.getPermittedSubclasses()));
    }
    return out.toString();
  }

  private static String field(Field f) {
    int m = f.getModifiers() & (MEMBER_MODIFIERS | Modifier.VOLATILE | Modifier.TRANSIENT);
    String s =
        Signatures.documentedAnnotations(f)
            + Modifier.toString(m)
            + " "
            + Signatures.type(f.getGenericType())
            + " "
            + f.getName();
    boolean constant =
        Modifier.isStatic(m)
            && Modifier.isFinal(m)
            && (f.getType().isPrimitive() || f.getType() == String.class);
    if (!constant) {
      return s;
    }
    try {
      f.trySetAccessible();
      return s + " = " + Signatures.value(f.get(null));
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("Cannot read the constant " + f, e);
    }
  }

  private static String method(Method m) {
    String s = executable(m, Signatures.type(m.getGenericReturnType()) + " " + m.getName());
    Object defaultValue = m.getDefaultValue();
    return defaultValue == null ? s : s + " default " + Signatures.value(defaultValue);
  }

  /** Modifiers, type parameters, {@code nameAndType}, parameter types and throws clause. */
  private static String executable(Executable e, String nameAndType) {
    StringBuilder out = new StringBuilder(Signatures.documentedAnnotations(e));
    out.append(Modifier.toString(e.getModifiers() & MEMBER_MODIFIERS));
    if (e instanceof Method m && m.isDefault()) {
      out.append(" default");
    }
    String typeParameters = Signatures.typeParameters(e);
    if (!typeParameters.isEmpty()) {
      out.append(' ').append(typeParameters);
    }
    out.append(' ').append(nameAndType);
    StringJoiner parameters = new StringJoiner(", ", "(", ")");
    Type[] types = e.getGenericParameterTypes();
    for (int i = 0; i < types.length; i++) {
      String t = Signatures.type(types[i]);
      if (e.isVarArgs() && i == types.length - 1) {
        t = t.substring(0, t.length() - 2) + "...";
      }
      parameters.add(t);
    }
    out.append(parameters);
    Type[] exceptions = e.getGenericExceptionTypes();
    if (exceptions.length > 0) {
      out.append(" throws ").append(Signatures.types(exceptions));
    }
    return out.toString();
  }
}
