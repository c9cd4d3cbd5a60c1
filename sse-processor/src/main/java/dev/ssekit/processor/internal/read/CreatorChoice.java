package dev.ssekit.processor.internal.read;

import dev.ssekit.processor.internal.model.Accessor;
import dev.ssekit.processor.internal.model.Creator;
import dev.ssekit.processor.internal.model.Site;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;

/**
 * How the codec creates a class it reads: the no-arg constructor and setters when every property
 * can be set so, else the one constructor with parameters, each matched to the property of its
 * name.
 */
final class CreatorChoice {
  private CreatorChoice() {}

  /**
   * Chooses, and marks the drafts the chosen constructor takes.
   *
   * @param drafts the class's properties by Java name
   */
  static Creator choose(TypeElement type, ClassMembers members, Map<String, PropertyDraft> drafts) {
    ExecutableElement noArg = null;
    List<ExecutableElement> withParameters = new ArrayList<>();
    for (ExecutableElement constructor : ElementFilter.constructorsIn(type.getEnclosedElements())) {
      if (!members.accessible(constructor)) {
        continue;
      }
      if (constructor.getParameters().isEmpty()) {
        noArg = constructor;
      } else {
        withParameters.add(constructor);
      }
    }
    boolean allSettable = true;
    for (PropertyDraft draft : drafts.values()) {
      if (!draft.ignored() && draft.setterAccessor() == null) {
        allSettable = false;
      }
    }
    if (noArg != null && (allSettable || withParameters.size() != 1)) {
      return Creator.simple(Creator.Kind.NO_ARG);
    }
    if (withParameters.size() == 1) {
      return match(withParameters.get(0), members, drafts);
    }
    return Creator.none(withParameters.size());
  }

  private static Creator match(
      ExecutableElement constructor, ClassMembers members, Map<String, PropertyDraft> drafts) {
    List<String> parameters = new ArrayList<>();
    List<Site> unmatched = new ArrayList<>();
    List<? extends TypeMirror> parameterTypes = members.parameterTypesOf(constructor);
    for (int i = 0; i < constructor.getParameters().size(); i++) {
      VariableElement parameter = constructor.getParameters().get(i);
      String name = parameter.getSimpleName().toString();
      PropertyDraft draft = drafts.get(name);
      if (draft == null
          || draft.constructorParameter != null
          || !members.sameType(parameterTypes.get(i), draft.type())) {
        unmatched.add(Site.of(parameter));
        continue;
      }
      draft.constructorParameter = Accessor.parameter(name);
      draft.parameterRename =
          Annotations.stringValueSite(parameter, Annotations.SSE_PROPERTY, "value");
      parameters.add(name);
    }
    return new Creator(Creator.Kind.CONSTRUCTOR, parameters, unmatched, 0);
  }
}
