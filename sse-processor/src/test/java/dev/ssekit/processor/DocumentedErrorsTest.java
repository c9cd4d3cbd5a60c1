package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The compile errors that docs/events.md shows: each source under {@code docs/example/} (test
 * resources, shown on the page as snippets) is compiled with the processors and fails with exactly
 * these messages, and the page shows each one as javac prints it ({@code error: ...}).
 */
class DocumentedErrorsTest {
  private static final Map<String, List<String>> ERRORS =
      Map.of(
          "Page",
          List.of(
              "[SSE103] @SseEvent class example.Page is generic; a codec needs concrete types:"
                  + " declare a non-generic record or class (one per type argument you use)"),
          "Meeting",
          List.of(
              "[SSE200] property 'when' of example.Meeting has unsupported type java.util.Date:"
                  + " use a java.time type such as Instant or LocalDate instead. Change its type,"
                  + " or mark it @SseIgnore or transient",
              "[SSE200] property 'attendees' of example.Meeting has unsupported type"
                  + " java.util.ArrayList<java.lang.String>: declare the property as List, Set,"
                  + " SortedSet, Collection or Map. Change its type, or mark it @SseIgnore or"
                  + " transient",
              "[SSE200] property 'rooms' of example.Meeting has unsupported type"
                  + " java.util.Map<java.lang.Integer,java.lang.String>: JSON object keys are"
                  + " strings, so a Map key must be String or an enum. Change its type, or mark it"
                  + " @SseIgnore or transient"),
          "Events",
          List.of(
              "[SSE102] event name \"update\" is also used by example.Events.PriceUpdate; each"
                  + " @SseEvent class needs its own name, or receivers could not tell the events"
                  + " apart",
              "[SSE102] event name \"update\" is also used by example.Events.StockUpdate; each"
                  + " @SseEvent class needs its own name, or receivers could not tell the events"
                  + " apart"),
          "Account",
          List.of(
              "[SSE300] property 'balance' of example.Account is not accessible from package"
                  + " example and has no accessible getter; make it public or package-private,"
                  + " add a getter, or mark it @SseIgnore or transient"));

  @Test
  void eachDocumentedSourceFailsWithExactlyTheDocumentedErrors() {
    for (Map.Entry<String, List<String>> example : ERRORS.entrySet()) {
      Compilation compilation = Javac.lenientCompiler().compile(source(example.getKey()));
      assertThat(compilation.status()).isEqualTo(Compilation.Status.FAILURE);
      List<String> messages = new ArrayList<>();
      for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
        messages.add(d.getMessage(Locale.ROOT));
      }
      assertThat(messages).as(example.getKey()).containsExactlyElementsOf(example.getValue());
      Catalogue.assertEveryMessageIsCatalogued(compilation);
    }
  }

  @Test
  void thePageShowsEachErrorAsJavacPrintsIt() throws IOException {
    Path page =
        Path.of(System.getProperty("basedir", ""))
            .toAbsolutePath()
            .resolveSibling("docs/events.md");
    Assumptions.assumeTrue(Files.isRegularFile(page), "no docs/events.md beside this module");
    String text = Files.readString(page, StandardCharsets.UTF_8);
    for (List<String> messages : ERRORS.values()) {
      for (String message : messages) {
        assertThat(text).as("docs/events.md").contains("error: " + message + "\n");
      }
    }
  }

  private static JavaFileObject source(String name) {
    return JavaFileObjects.forResource("docs/example/" + name + ".java");
  }
}
