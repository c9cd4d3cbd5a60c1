package dev.ssekit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/**
 * A page of docs/, for examples whose output the page shows in a {@code ```text} block: the test
 * that produces the output asserts that the page shows exactly that, so the page cannot drift from
 * what the code prints. (Java blocks are held to their sources by {@link SnippetsTest}.)
 */
public final class DocsPage {
  private final Path file;

  private DocsPage(Path file) {
    this.file = file;
  }

  /** The page at {@code path}, relative to the project's root (e.g. {@code docs/events.md}). */
  public static DocsPage of(String path) {
    return new DocsPage(Docs.ROOT.resolve(path));
  }

  /** Fails unless the page has a {@code ```text} block whose text is exactly {@code text}. */
  public void assertShowsBlock(String text) {
    assertShows("```text\n" + text + "```\n");
  }

  /** Fails unless the page contains {@code text} verbatim. */
  public void assertShows(String text) {
    Docs.pages(); // skips the test outside the project, as the other documentation checks do
    assertThat(file).as("the page").isRegularFile();
    assertThat(String.join("\n", Docs.lines(file)) + "\n")
        .as("the text of %s", Docs.name(file))
        .contains(text);
  }
}
