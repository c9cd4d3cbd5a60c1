package dev.ssekit.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.testing.compile.Compilation;
import dev.ssekit.processor.internal.validate.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.tools.JavaFileObject;

/** Checks that every message the processors print is a message catalogue entry, word for word. */
final class Catalogue {
  /** One pattern per entry: its literal text, with any text standing for each argument. */
  private static final List<Pattern> ENTRIES = entries();

  private Catalogue() {}

  /**
   * Fails unless each message printed through javac's {@code Messager} in {@code compilation}
   * (javac's own diagnostics aside) matches a catalogue entry.
   */
  static void assertEveryMessageIsCatalogued(Compilation compilation) {
    for (javax.tools.Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
      if (!d.getCode().endsWith(".proc.messager")) {
        continue; // javac's own
      }
      String message = d.getMessage(Locale.ROOT);
      assertThat(ENTRIES)
          .as("a processor message that is not in the catalogue: %s", d)
          .anyMatch(entry -> entry.matcher(message).matches());
    }
  }

  private static List<Pattern> entries() {
    List<Pattern> entries = new ArrayList<>();
    for (Diagnostic diagnostic : Diagnostic.values()) {
      StringBuilder regex = new StringBuilder(Pattern.quote("[" + diagnostic.id() + "] "));
      String[] literals = diagnostic.template().split("%[sd]", -1);
      for (int i = 0; i < literals.length; i++) {
        regex.append(i == 0 ? "" : "(?s:.*)").append(Pattern.quote(literals[i]));
      }
      entries.add(Pattern.compile(regex.toString()));
    }
    return entries;
  }
}
