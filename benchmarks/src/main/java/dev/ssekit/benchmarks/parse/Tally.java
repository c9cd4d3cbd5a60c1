package dev.ssekit.benchmarks.parse;

/** What a parser saw: events dispatched and their total data length in chars. */
public final class Tally {
  long events;
  long dataChars;

  void add(String data) {
    events++;
    dataChars += data.length();
  }

  /** Throws unless this tally matches the corpus: a contender that parses wrong is not measured. */
  void check(String contender, Corpus corpus) {
    if (events != corpus.events || dataChars != corpus.dataChars) {
      throw new IllegalStateException(
          contender
              + " saw "
              + events
              + " events with "
              + dataChars
              + " data chars; the corpus holds "
              + corpus.events
              + " and "
              + corpus.dataChars);
    }
  }
}
