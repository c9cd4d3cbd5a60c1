package dev.ssekit.benchmarks.codec;

import dev.ssekit.core.SseEvent;
import java.util.List;

/** The larger event: nine properties and a nested list, about 270 bytes of JSON. */
@SseEvent(name = "order")
public record OrderUpdate(
    String orderId,
    String customer,
    long seq,
    double total,
    String currency,
    boolean paid,
    String status,
    String updatedAt,
    List<Line> lines) {

  /** One line of an order. */
  public record Line(String sku, int quantity, double price) {}

  static OrderUpdate sample(long seq) {
    return new OrderUpdate(
        "ord-7f3a9c21",
        "customer-0042",
        seq,
        1234.5,
        "EUR",
        true,
        "SHIPPED",
        "2026-11-21T20:15:30.123Z",
        List.of(
            new Line("SKU-100234", 2, 19.99),
            new Line("SKU-200871", 1, 249.0),
            new Line("SKU-300112", 5, 3.5)));
  }
}
