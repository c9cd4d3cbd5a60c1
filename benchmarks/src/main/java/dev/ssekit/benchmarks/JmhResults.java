package dev.ssekit.benchmarks;

import dev.ssekit.core.json.JsonReader;
import dev.ssekit.core.json.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parts of a JMH {@code -rf json} result file the report needs, read with ssekit's reader. */
final class JmhResults {
  /** One benchmark method with one set of parameters. */
  record Result(
      String method, Map<String, String> params, String unit, double[] iterations,
      Map<String, Double> secondary) {

    double median() {
      double[] sorted = iterations.clone();
      Arrays.sort(sorted);
      int n = sorted.length;
      return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    double min() {
      return Arrays.stream(iterations).min().orElse(Double.NaN);
    }

    double max() {
      return Arrays.stream(iterations).max().orElse(Double.NaN);
    }
  }

  private JmhResults() {}

  static List<Result> read(Path file) throws IOException {
    JsonReader in = new JsonReader(Files.readAllBytes(file));
    List<Result> results = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      results.add(result(in));
    }
    in.endArray();
    in.endDocument();
    return results;
  }

  private static Result result(JsonReader in) {
    String method = null;
    Map<String, String> params = new LinkedHashMap<>();
    String unit = null;
    double[] iterations = new double[0];
    Map<String, Double> secondary = new LinkedHashMap<>();
    in.beginObject();
    while (in.hasNext()) {
      switch (in.nextName()) {
        case "benchmark":
          String name = in.nextString();
          method = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
          break;
        case "params":
          in.beginObject();
          while (in.hasNext()) {
            params.put(in.nextName(), in.nextString());
          }
          in.endObject();
          break;
        case "primaryMetric":
          in.beginObject();
          while (in.hasNext()) {
            switch (in.nextName()) {
              case "scoreUnit":
                unit = in.nextString();
                break;
              case "rawData":
                iterations = rawData(in);
                break;
              default:
                in.skipValue();
            }
          }
          in.endObject();
          break;
        case "secondaryMetrics":
          in.beginObject();
          while (in.hasNext()) {
            String metric = in.nextName();
            double score = Double.NaN;
            in.beginObject();
            while (in.hasNext()) {
              if (in.nextName().equals("score") && in.peek() == JsonToken.NUMBER) {
                score = in.nextDouble();
              } else {
                in.skipValue();
              }
            }
            in.endObject();
            secondary.put(metric, score);
          }
          in.endObject();
          break;
        default:
          in.skipValue();
      }
    }
    in.endObject();
    return new Result(method, params, unit, iterations, secondary);
  }

  /** All iterations of all forks, flattened. */
  private static double[] rawData(JsonReader in) {
    List<Double> values = new ArrayList<>();
    in.beginArray();
    while (in.hasNext()) {
      in.beginArray();
      while (in.hasNext()) {
        values.add(in.nextDouble());
      }
      in.endArray();
    }
    in.endArray();
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
