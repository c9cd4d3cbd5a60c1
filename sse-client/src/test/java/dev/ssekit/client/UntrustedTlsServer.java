package dev.ssekit.client;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A TLS server on loopback whose certificate nobody trusts (self-signed, made by the JDK's keytool
 * for each server): the most common TLS failure a client meets. It accepts connections and attempts
 * the handshake, which the client refuses.
 */
final class UntrustedTlsServer implements AutoCloseable {
  private final SSLServerSocket server;
  private final Thread acceptor;

  UntrustedTlsServer(Path dir) throws Exception {
    SSLContext tls = new SelfSignedKeystore(dir).serverContext();
    server =
        (SSLServerSocket)
            tls.getServerSocketFactory()
                .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptLoop, "untrusted-tls-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        s.startHandshake();
      } catch (IOException e) {
        // The client refused the certificate (or the server closed): what the test is about.
      }
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    acceptor.join(5000);
  }
}
