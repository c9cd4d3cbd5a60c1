package example;

import dev.ssekit.core.SseEvent;

public final class Events {
  private Events() {}

  // begin-snippet: duplicate-name
  @SseEvent(name = "update")
  public record PriceUpdate(String symbol, double price) {}

  @SseEvent(name = "update")
  public record StockUpdate(String sku, int count) {}
  // end-snippet
}
