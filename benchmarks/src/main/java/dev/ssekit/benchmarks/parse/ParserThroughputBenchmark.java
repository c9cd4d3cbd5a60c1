package dev.ssekit.benchmarks.parse;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Parser throughput over the same 32 MiB corpus, whole and in 64-byte and 4 KiB reads. One
 * operation parses the whole corpus; MB/s = ops/s × corpus size. Every contender's result is
 * checked against the corpus before it is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 3, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ParserThroughputBenchmark {
  /** Read size in bytes; {@code whole} feeds the corpus in one piece. */
  @Param({"whole", "4096", "64"})
  public String chunking;

  private Corpus corpus;
  private int chunk;

  @Setup
  public void setUp() throws Exception {
    corpus = Corpus.standard();
    chunk = chunking.equals("whole") ? Integer.MAX_VALUE : Integer.parseInt(chunking);
    Parsers.ssekit(corpus.bytes, chunk).check("ssekit", corpus);
    Parsers.okhttp(corpus.bytes, chunk).check("okhttp-sse", corpus);
    Parsers.launchDarkly(corpus.bytes, chunk, corpus.events).check("launchdarkly", corpus);
    Parsers.jersey(corpus.bytes, chunk).check("jersey", corpus);
    Parsers.bufferedReader(corpus.bytes, chunk).check("BufferedReader", corpus);
  }

  @Benchmark
  public Tally ssekit() {
    return Parsers.ssekit(corpus.bytes, chunk);
  }

  @Benchmark
  public Tally okhttpSse() throws Exception {
    return Parsers.okhttp(corpus.bytes, chunk);
  }

  @Benchmark
  public Tally launchDarkly() throws Exception {
    return Parsers.launchDarkly(corpus.bytes, chunk, corpus.events);
  }

  @Benchmark
  public Tally jerseyInboundEventReader() throws Exception {
    return Parsers.jersey(corpus.bytes, chunk);
  }

  @Benchmark
  public Tally bufferedReaderLoop() throws Exception {
    return Parsers.bufferedReader(corpus.bytes, chunk);
  }

  @Benchmark
  public long memoryScanReference() {
    return Parsers.newlines(corpus.bytes, chunk);
  }
}
