package dev.ssekit.samples;

import dev.ssekit.samples.tail.TailCommand;
import java.io.PrintStream;
import java.util.Arrays;

/**
 * Entry point of the samples jar: {@code serve} starts the demo server, {@code chat-client} follows
 * its chat, {@code tail} prints any event stream.
 */
public final class Main {
  private Main() {}

  /**
   * Runs one command and exits with its status: 0 done, 1 failed, 2 bad usage.
   *
   * @param args the command and its options
   */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      usage(args.length == 0 ? err : out);
      return args.length == 0 ? 2 : 0;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "serve":
        return SampleServer.serve(rest, out, err);
      case "chat-client":
        return ChatClient.run(rest, out, err);
      case "tail":
        return TailCommand.run(rest, out, err);
      default:
        err.println("unknown command: " + args[0]);
        usage(err);
        return 2;
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar ssekit-samples.jar <command> [options]");
    out.println("commands:");
    out.println("  serve [--port N]   start the demo server on 127.0.0.1 (default port 8080)");
    out.println("        [--redis URI] as one node of a cluster: chat and pings shared on Redis");
    out.println("                     (e.g. redis://127.0.0.1:6379; run several on other ports)");
    out.println("        [--cors-origin ORIGIN] (repeatable) pages on ORIGIN may open the streams");
    out.println("                     with credentials (e.g. http://127.0.0.1:3000)");
    out.println("        [--servlet] [--tls] Jetty through sse-servlet; --tls: HTTPS and HTTP/2");
    out.println("                     (serve --help lists every option)");
    out.println(
        "  chat-client [URL]  follow the demo chat (default " + ChatClient.DEFAULT_URI + ")");
    out.println("  tail [options] URL print each event of an SSE URL as a JSON line (tail --help)");
  }
}
