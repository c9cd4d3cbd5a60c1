package dev.ssekit.samples.docs.events;

import dev.ssekit.core.SseEvent;
import java.math.BigDecimal;

/** An immutable class: the codec reads the getters and calls the one constructor. */
// begin-snippet: constructor
@SseEvent(name = "stock-trade")
public final class Trade {
  private final String symbol;
  private final BigDecimal price;

  public Trade(String symbol, BigDecimal price) { // parameter names match the properties
    this.symbol = symbol;
    this.price = price;
  }

  public String getSymbol() {
    return symbol;
  }

  public BigDecimal getPrice() {
    return price;
  }
}
// end-snippet
