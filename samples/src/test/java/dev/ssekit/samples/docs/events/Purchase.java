package dev.ssekit.samples.docs.events;

import dev.ssekit.core.SseEvent;
import dev.ssekit.core.SseId;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Most supported property types in one event, nested types included. */
// begin-snippet: types
@SseEvent(name = "purchase")
public record Purchase(
    @SseId UUID id,
    Status status,
    BigDecimal total,
    Instant placed,
    List<Line> lines,
    Map<String, Integer> stock,
    Optional<String> note) {

  public enum Status {
    OPEN,
    SHIPPED
  }

  public record Line(String sku, int quantity) {} // needs no annotation: Purchase's codec has one
}
// end-snippet
