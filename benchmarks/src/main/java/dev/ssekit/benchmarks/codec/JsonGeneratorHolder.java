package dev.ssekit.benchmarks.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** A Jackson generator kept open over a reusable buffer. */
final class JsonGeneratorHolder {
  final ByteArrayOutputStream out = new ByteArrayOutputStream(256);
  final JsonGenerator generator;

  JsonGeneratorHolder(JsonFactory factory) throws IOException {
    generator = factory.createGenerator(out, JsonEncoding.UTF8);
    // Values are written back to back; no separator between root values.
    generator.setRootValueSeparator(null);
  }
}
