package dev.ssekit.samples.docs.events;

import dev.ssekit.core.SseEvent;

/** An event class with public fields and the implicit no-arg constructor. */
// begin-snippet: public-fields
@SseEvent(name = "match-score")
public class Score {
  public String player;
  public int points;
  public transient long computedAt; // static and transient fields are not properties
}
// end-snippet
