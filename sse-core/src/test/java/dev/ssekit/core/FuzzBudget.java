package dev.ssekit.core;

/**
 * How many cases the property and fuzz tests run, and from which seed. The defaults keep the
 * default build fast; longer runs set system properties:
 *
 * <pre>
 * mvn -B -o -pl sse-core -am verify -Dssekit.fuzz.iterations=200000 \
 *     -Dtest='*FuzzTest,*DifferentialTest,*InjectionTest,*HostileTest' -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * <p>{@code ssekit.fuzz.iterations} replaces every test's default case count; {@code
 * ssekit.fuzz.seed} moves the first seed, so a run explores new cases (each case's seed is {@code
 * first seed + case number}, printed in every failure message, so a failure is reproduced by
 * running with {@code -Dssekit.fuzz.seed=<that seed> -Dssekit.fuzz.iterations=1}).
 */
public final class FuzzBudget {
  static final String ITERATIONS = "ssekit.fuzz.iterations";
  static final String SEED = "ssekit.fuzz.seed";

  private FuzzBudget() {}

  /** The number of cases to run: the system property if set, else {@code defaultCount}. */
  public static int iterations(int defaultCount) {
    String value = System.getProperty(ITERATIONS);
    if (value == null || value.isBlank()) {
      return defaultCount;
    }
    int n = Integer.parseInt(value.strip());
    if (n <= 0) {
      throw new IllegalArgumentException(ITERATIONS + " must be positive: " + value);
    }
    return n;
  }

  /** The seed of the first case: the system property if set, else {@code 1}. */
  public static long firstSeed() {
    String value = System.getProperty(SEED);
    return value == null || value.isBlank() ? 1 : Long.parseLong(value.strip());
  }

  /** Whether the case count was raised from the command line (then tests may run long). */
  public static boolean extended() {
    return System.getProperty(ITERATIONS) != null;
  }
}
