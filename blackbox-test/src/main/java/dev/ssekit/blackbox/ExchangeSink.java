package dev.ssekit.blackbox;

import com.sun.net.httpserver.HttpExchange;
import dev.ssekit.hub.SubscriberSink;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One subscriber's response on the JDK's HTTP server. Writes block the hub's delivery thread, which
 * the hub allows; {@link #close()} from the hub's write timeout closes the exchange, which makes a
 * blocked write fail.
 */
final class ExchangeSink implements SubscriberSink {
  private final HttpExchange exchange;
  private final OutputStream body;

  ExchangeSink(HttpExchange exchange) {
    this.exchange = exchange;
    this.body = exchange.getResponseBody();
  }

  @Override
  public void write(List<byte[]> frames, Completion completion) {
    try {
      for (byte[] frame : frames) {
        body.write(frame);
      }
      // Each write must reach the client now, not when the chunk buffer fills.
      body.flush();
    } catch (IOException e) {
      completion.failed(e);
      return;
    }
    completion.completed();
  }

  @Override
  public void close() {
    exchange.close();
  }
}
