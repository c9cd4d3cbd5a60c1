package dev.ssekit.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A scriptable HTTP/1.1 server on a loopback socket, for exact bytes and failure modes. Each
 * accepted connection runs the script on its own thread with an {@link Exchange} that records the
 * request and writes raw response bytes. Shared with other modules' tests through this module's
 * test jar.
 */
public final class RawServer implements AutoCloseable {

  /** What the server does with one connection. */
  @FunctionalInterface
  public interface Script {
    void handle(Exchange exchange) throws Exception;
  }

  /** One accepted connection and its request. */
  public static final class Exchange {
    public final int index;
    public final long acceptedAt = System.nanoTime();
    public final Socket socket;
    public final OutputStream out;
    public final InputStream in;
    public String method;
    public String path;
    public final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    public String body = "";
    public volatile long closedAt;
    // Set before the socket is closed at the script's end, so that a test thread finds it then.
    private volatile boolean clientHungUp;

    Exchange(int index, Socket socket) throws IOException {
      this.index = index;
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = socket.getInputStream();
    }

    public String header(String name) {
      return headers.get(name);
    }

    /** Writes a 200 text/event-stream head; the body is delimited by closing the connection. */
    public Exchange sseHead() throws IOException {
      return head(200, "Content-Type: text/event-stream");
    }

    public Exchange head(int status, String... headerLines) throws IOException {
      StringBuilder s = new StringBuilder("HTTP/1.1 ").append(status).append(" X\r\n");
      for (String h : headerLines) {
        s.append(h).append("\r\n");
      }
      s.append("Connection: close\r\n\r\n");
      return write(s.toString());
    }

    /** Writes and flushes, so separate calls tend to arrive in separate reads. */
    public Exchange write(String text) throws IOException {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
      return this;
    }

    /** Closes the connection (the server side of an end of stream or a drop). */
    public void close() throws IOException {
      closedAt = System.nanoTime();
      socket.close();
    }

    /**
     * Waits until the client closes its side; true if it did within {@code timeout}, also when the
     * script saw it first (and so ended, closing the socket).
     */
    public boolean awaitClientClose(Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      byte[] buf = new byte[256];
      while (!clientHungUp && System.nanoTime() < deadline) {
        try {
          socket.setSoTimeout(100);
          if (in.read(buf) < 0) {
            clientHungUp = true;
          }
        } catch (SocketTimeoutException e) {
          // keep waiting
        } catch (IOException e) {
          if (socket.isClosed()) {
            // Closed on this side: by x.close(), or as its script ended after the client hung up.
            return clientHungUp;
          }
          clientHungUp = true; // reset by the client
        }
      }
      return clientHungUp;
    }

    private void readRequest() throws IOException {
      ByteArrayOutputStream head = new ByteArrayOutputStream();
      int matched = 0;
      byte[] end = {'\r', '\n', '\r', '\n'};
      while (matched < 4) {
        int b = in.read();
        if (b < 0) {
          throw new IOException("client closed before sending a request");
        }
        head.write(b);
        matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
      }
      String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
      String[] requestLine = lines[0].split(" ");
      method = requestLine[0];
      path = requestLine[1];
      for (int i = 1; i < lines.length; i++) {
        int colon = lines[i].indexOf(':');
        if (colon > 0) {
          headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
        }
      }
      String length = headers.get("Content-Length");
      if (length != null) {
        body = new String(in.readNBytes(Integer.parseInt(length)), StandardCharsets.UTF_8);
      }
    }
  }

  private final ServerSocket server;
  private final Script script;
  private final Thread acceptor;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
  // Every accepted connection, also those whose request never came: close() must end them too.
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  private final List<Thread> handlers = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
  private final BlockingQueue<Exchange> accepted = new LinkedBlockingQueue<>();

  public RawServer(Script script) throws IOException {
    this.script = script;
    this.server = new ServerSocket();
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    acceptor = new Thread(this::acceptLoop, "raw-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  int port() {
    return server.getLocalPort();
  }

  /** How many connections were accepted, requests read or not. */
  int acceptedConnections() {
    return connections.size();
  }

  public List<Exchange> exchanges() {
    return exchanges;
  }

  /** The next accepted connection whose request was read, waiting up to 10 s. */
  public Exchange nextExchange() throws InterruptedException {
    Exchange x = accepted.poll(10, TimeUnit.SECONDS);
    if (x == null) {
      throw new AssertionError("no connection within 10 s");
    }
    return x;
  }

  /** Script failures other than the client hanging up. */
  public List<Throwable> failures() {
    return List.copyOf(failures);
  }

  private void acceptLoop() {
    int index = 0;
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.add(s);
        Exchange x = new Exchange(index++, s);
        Thread t =
            new Thread(
                () -> {
                  try {
                    x.readRequest();
                    exchanges.add(x);
                    accepted.add(x);
                    script.handle(x);
                  } catch (IOException e) {
                    // The client hung up; that is what many tests do.
                    x.clientHungUp = true;
                  } catch (Throwable e) {
                    failures.add(e);
                  } finally {
                    // A script that ends, however it ends, closes its connection. Without this a
                    // client that hangs up after its request was read but before the script's
                    // last write (a close() that lands on a reconnect in flight) made that write
                    // fail, ended the script by IOException before its own x.close(), and left
                    // the socket open for good: whoever waits for the server's connections to
                    // close (ClientFaultsTest.awaitServerIdle) then waited forever. The window is
                    // a few microseconds on a quiet machine and much wider on a busy one.
                    closeQuietly(x.socket);
                  }
                },
                "raw-server-" + x.index);
        t.setDaemon(true);
        handlers.add(t);
        t.start();
      } catch (IOException e) {
        return;
      }
    }
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // Closing a socket the client reset; nothing is left to release.
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
    for (Socket s : connections) {
      // Also unblocks a handler still waiting for a request that its client never sent.
      closeQuietly(s);
    }
    acceptor.join(5000);
    for (Thread t : handlers) {
      t.interrupt();
      t.join(5000);
    }
  }
}
