package dev.ssekit.apibaseline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApiDumpTest {
  private static final String FIXTURE = "dev.ssekit.apibaseline.fixture";

  /**
   * The fixture package holds one of each kind of declaration; fixture.api is its expected dump,
   * reviewed by hand: generic signatures with bounds and wildcards, varargs, throws, constants of
   * each kind (escaped), record components with a documented annotation, enum constants in ordinal
   * order, annotation members with defaults, a sealed interface, protected members; and no
   * package-private or private class or member.
   */
  @Test
  void writesEveryPublicAndProtectedDeclarationAndNothingElse() throws Exception {
    List<String> classes =
        List.of(
                "Circle",
                "Color",
                "Helper",
                "Marker",
                "Registry",
                "Registry$Builder",
                "Registry$Hidden",
                "Registry$Secret",
                "Shape",
                "Shape$Square")
            .stream()
            .map(n -> FIXTURE + "." + n)
            .toList();
    LibraryModule module = new LibraryModule(null, null, List.of(FIXTURE), classes);

    String dump = ApiDump.of(module, getClass().getClassLoader());

    assertThat(dump).isEqualTo(resource("fixture.api"));
  }

  @Test
  void isTheSameWhenTheClassesAreListedInAnotherOrder() throws Exception {
    List<String> classes =
        List.of("Shape$Square", "Registry", "Circle", "Shape").stream()
            .map(n -> FIXTURE + "." + n)
            .toList();
    LibraryModule module = new LibraryModule(null, null, List.of(FIXTURE), classes);
    List<String> reversedClasses = new ArrayList<>(classes);
    Collections.reverse(reversedClasses);
    LibraryModule reversed = new LibraryModule(null, null, List.of(FIXTURE), reversedClasses);

    assertThat(ApiDump.of(reversed, getClass().getClassLoader()))
        .isEqualTo(ApiDump.of(module, getClass().getClassLoader()));
  }

  private static String resource(String name) throws Exception {
    try (InputStream in = ApiDumpTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
