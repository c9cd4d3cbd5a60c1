package dev.ssekit.samples;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs a main class in a new JVM with this test run's class path. */
final class JavaCommand {
  private JavaCommand() {}

  static List<String> of(Class<?> main, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return command;
  }
}
