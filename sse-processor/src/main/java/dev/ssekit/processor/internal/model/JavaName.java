package dev.ssekit.processor.internal.model;

import java.util.List;

/**
 * The name of a class: its package and its simple names from the outermost class inwards.
 *
 * @param packageName the package, empty for the unnamed package
 * @param simpleNames the simple names, outermost first; never empty
 */
public record JavaName(String packageName, List<String> simpleNames) {

  /** Copies the list and checks that there is at least one simple name. */
  public JavaName {
    simpleNames = List.copyOf(simpleNames);
    if (simpleNames.isEmpty()) {
      throw new IllegalArgumentException("a class name needs a simple name");
    }
  }

  /** The innermost simple name. */
  public String simpleName() {
    return simpleNames.get(simpleNames.size() - 1);
  }

  /** The simple names joined with {@code _}, e.g. {@code Outer_Inner}. */
  public String flatName() {
    return String.join("_", simpleNames);
  }

  /** The canonical name, e.g. {@code com.example.Outer.Inner}. */
  public String qualifiedName() {
    String nested = String.join(".", simpleNames);
    return packageName.isEmpty() ? nested : packageName + "." + nested;
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
