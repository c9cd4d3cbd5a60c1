package dev.ssekit.processor.internal.read;

import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The members of one class as its codec sees them: typed as members of that class (a generic
 * superclass's {@code T} replaced by the argument the class gives it), and usable or not.
 */
final class ClassMembers {
  private final Types types;
  private final DeclaredType self;
  private final Access access;

  ClassMembers(Types types, TypeElement type, Access access) {
    this.types = types;
    this.self = (DeclaredType) type.asType();
    this.access = access;
  }

  TypeMirror typeOf(VariableElement field) {
    return types.asMemberOf(self, field);
  }

  TypeMirror returnTypeOf(ExecutableElement method) {
    return executable(method).getReturnType();
  }

  List<? extends TypeMirror> parameterTypesOf(ExecutableElement method) {
    return executable(method).getParameterTypes();
  }

  boolean sameType(TypeMirror a, TypeMirror b) {
    return types.isSameType(a, b);
  }

  /** True when the generated code may read, write or call {@code member}. */
  boolean accessible(Element member) {
    return access.member(member);
  }

  private ExecutableType executable(ExecutableElement method) {
    return (ExecutableType) types.asMemberOf(self, method);
  }
}
