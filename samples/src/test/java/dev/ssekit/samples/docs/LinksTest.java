package dev.ssekit.samples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The links between README.md, docs/ and the rest of the project lead somewhere: to a file that
 * exists and, with a {@code #fragment}, to a heading that GitHub gives that anchor. Every page of
 * docs/ can be reached from the README.
 */
class LinksTest {
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");

  @Test
  void everyRelativeLinkLeadsToAFileAndAHeadingThatExist() {
    List<String> broken = new ArrayList<>();
    for (Path page : Docs.pages()) {
      for (String target : links(page)) {
        String problem = problem(page, target);
        if (problem != null) {
          broken.add(Docs.name(page) + ": (" + target + ") " + problem);
        }
      }
    }
    assertThat(broken).as("broken links").isEmpty();
  }

  @Test
  void everyPageOfTheDocsCanBeReachedFromTheReadme() {
    List<Path> pages = Docs.pages();
    Set<Path> reached = new HashSet<>();
    Deque<Path> toVisit = new ArrayDeque<>(List.of(Docs.README));
    while (!toVisit.isEmpty()) {
      Path page = toVisit.pop();
      if (!reached.add(page)) {
        continue;
      }
      for (String target : links(page)) {
        Path file = file(page, target);
        if (file != null && pages.contains(file)) {
          toVisit.push(file);
        }
      }
    }
    assertThat(pages.stream().filter(p -> !reached.contains(p)).map(Docs::name))
        .as("pages no chain of links from README.md leads to")
        .isEmpty();
  }

  /** The link targets of a page outside code, without web addresses. */
  private static List<String> links(Path page) {
    List<String> targets = new ArrayList<>();
    boolean inFence = false;
    for (String line : Docs.lines(page)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
      }
      if (inFence) {
        continue;
      }
      Matcher m = LINK.matcher(INLINE_CODE.matcher(line).replaceAll(""));
      while (m.find()) {
        String target = m.group(1);
        if (!target.matches("^[a-z]+:.*")) {
          targets.add(target);
        }
      }
    }
    return targets;
  }

  private static Path file(Path page, String target) {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    return path.isEmpty() ? page : page.getParent().resolve(path).normalize();
  }

  private static String problem(Path page, String target) {
    Path file = file(page, target);
    if (!file.startsWith(Docs.ROOT)) {
      return "leaves the project";
    }
    if (!Files.exists(file)) {
      return "no such file";
    }
    int hash = target.indexOf('#');
    if (hash < 0) {
      return null;
    }
    if (!file.toString().endsWith(".md")) {
      return null; // a line anchor into a source file, which GitHub resolves
    }
    String anchor = target.substring(hash + 1);
    return anchors(file).contains(anchor) ? null : "no heading with anchor #" + anchor;
  }

  /** The anchors GitHub gives a page's headings. */
  static Set<String> anchors(Path page) {
    Set<String> anchors = new HashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean inFence = false;
    for (String line : Docs.lines(page)) {
      if (line.startsWith("```")) {
        inFence = !inFence;
      }
      Matcher heading = Pattern.compile("^#{1,6} (.+)$").matcher(line);
      if (!inFence && heading.matches()) {
        String slug = slug(heading.group(1));
        int n = seen.merge(slug, 1, Integer::sum);
        anchors.add(n == 1 ? slug : slug + "-" + (n - 1));
      }
    }
    return anchors;
  }

  /** GitHub's rule: lower case, punctuation dropped, spaces to hyphens. */
  static String slug(String heading) {
    String text = heading.strip().toLowerCase(Locale.ROOT);
    StringBuilder slug = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                slug.appendCodePoint(c);
              } else if (c == ' ') {
                slug.append('-');
              }
            });
    return slug.toString();
  }
}
