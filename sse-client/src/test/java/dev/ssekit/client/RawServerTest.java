package dev.ssekit.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The test server's own promise, which tests that wait for it rely on: every connection ends,
 * however its client leaves.
 */
@Timeout(60)
class RawServerTest {

  @Test
  void aScriptEndedByTheClientHangingUpClosesItsConnection() throws Exception {
    try (RawServer server =
            new RawServer(
                x -> {
                  while (true) {
                    x.write("data: x\n\n"); // fails once the client has gone: that ends the script
                  }
                });
        Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      client.getOutputStream().write(request());
      RawServer.Exchange x = server.nextExchange();

      client.close();

      await().atMost(Duration.ofSeconds(10)).until(x.socket::isClosed);
      assertThat(x.awaitClientClose(Duration.ZERO)).isTrue();
    }
  }

  @Test
  void closingTheServerEndsAConnectionWhoseRequestNeverCame() throws Exception {
    RawServer server = new RawServer(x -> x.sseHead().close());
    try (Socket client = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      await().atMost(Duration.ofSeconds(10)).until(() -> server.acceptedConnections() == 1);

      server.close();

      client.setSoTimeout(10_000); // a connection left open times out: SocketTimeoutException
      int read;
      try {
        read = client.getInputStream().read();
      } catch (SocketException e) {
        read = -1; // a reset ends the connection too
      }
      assertThat(read).as("the connection ended").isEqualTo(-1);
      assertThat(server.exchanges()).isEmpty();
    }
  }

  private static byte[] request() {
    return "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  }
}
