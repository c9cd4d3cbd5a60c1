package dev.ssekit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the parsing cases of the public JSONTestSuite against {@link JsonReader}: every {@code y_}
 * file is accepted, every {@code n_} file is rejected with a {@link JsonException}, and every
 * {@code i_} file ends either way but never in a hang or any other exception.
 *
 * <p>The files live in {@code ../shared/testdata/json-test-suite/test_parsing} relative to the
 * project root, found by walking up from the working directory, or at the directory given by the
 * system property {@code ssekit.testdata} (the {@code testdata} folder). Without them the tests are
 * skipped, visibly.
 */
class JsonTestSuiteTest {
  private static final Duration PER_FILE = Duration.ofSeconds(30);

  @TestFactory
  Stream<DynamicTest> jsonTestSuite() throws IOException {
    Path dir = testParsingDir();
    if (dir == null) {
      // One visibly skipped test (an aborted factory would not show up in the report).
      String why =
          "JSONTestSuite not found: no shared/testdata/json-test-suite/test_parsing above "
              + System.getProperty("user.dir")
              + " and no usable -Dssekit.testdata; skipping";
      return Stream.of(
          DynamicTest.dynamicTest("JSONTestSuite (absent)", () -> Assumptions.abort(why)));
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".json"))
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(files).as("files in %s", dir).hasSizeGreaterThan(300);
    return files.stream().map(file -> DynamicTest.dynamicTest(name(file), () -> check(file)));
  }

  private static String name(Path file) {
    return file.getFileName().toString();
  }

  private static void check(Path file) throws IOException {
    byte[] json = Files.readAllBytes(file);
    String name = name(file);
    switch (name.charAt(0)) {
      case 'y':
        assertTimeoutPreemptively(PER_FILE, () -> walk(json), name);
        assertTimeoutPreemptively(PER_FILE, () -> skip(json), name);
        break;
      case 'n':
        assertThatThrownBy(() -> assertTimeoutPreemptively(PER_FILE, () -> walk(json), name))
            .as("typed walk of %s", name)
            .isInstanceOf(JsonException.class);
        assertThatThrownBy(() -> assertTimeoutPreemptively(PER_FILE, () -> skip(json), name))
            .as("skipValue of %s", name)
            .isInstanceOf(JsonException.class);
        break;
      case 'i':
        // Either outcome is fine (a number beyond BigDecimal's exponent range, say, is valid
        // syntax that the typed walk cannot represent); only a JsonException may end it early.
        readAllowingJsonException(json, true, name);
        readAllowingJsonException(json, false, name);
        break;
      default:
        fail("unexpected file " + name);
    }
  }

  private static void readAllowingJsonException(byte[] json, boolean typed, String name) {
    try {
      assertTimeoutPreemptively(
          PER_FILE,
          () -> {
            if (typed) {
              walk(json);
            } else {
              skip(json);
            }
          },
          name);
    } catch (JsonException expectedForSomeFiles) {
      // implementation-defined: rejecting is allowed
    }
  }

  /** Reads the whole document token by token with the typed methods. */
  static void walk(byte[] json) {
    JsonReader in = new JsonReader(json);
    int depth = 0;
    do {
      switch (in.peek()) {
        case BEGIN_ARRAY:
          in.beginArray();
          depth++;
          break;
        case END_ARRAY:
          in.endArray();
          depth--;
          break;
        case BEGIN_OBJECT:
          in.beginObject();
          depth++;
          break;
        case END_OBJECT:
          in.endObject();
          depth--;
          break;
        case NAME:
          in.nextName();
          break;
        case STRING:
          in.nextString();
          break;
        case NUMBER:
          in.nextBigDecimal();
          break;
        case BOOLEAN:
          in.nextBoolean();
          break;
        case NULL:
          in.nextNull();
          break;
        default:
          throw new AssertionError("unexpected end of document inside a value");
      }
    } while (depth > 0);
    in.endDocument();
  }

  /** Validates the whole document with {@link JsonReader#skipValue()}. */
  static void skip(byte[] json) {
    JsonReader in = new JsonReader(json);
    in.skipValue();
    in.endDocument();
  }

  private static Path testParsingDir() {
    String override = System.getProperty("ssekit.testdata");
    if (override != null && !override.isEmpty()) {
      Path dir = Paths.get(override).resolve("json-test-suite/test_parsing");
      return Files.isDirectory(dir) ? dir : null;
    }
    for (Path d = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        d != null;
        d = d.getParent()) {
      Path dir = d.resolve("shared/testdata/json-test-suite/test_parsing");
      if (Files.isDirectory(dir)) {
        return dir;
      }
    }
    return null;
  }
}
