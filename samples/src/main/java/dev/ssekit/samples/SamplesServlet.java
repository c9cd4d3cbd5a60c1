package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import dev.ssekit.servlet.ServletStreams;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The samples' page and endpoints as one servlet, for {@code serve --servlet} and {@code serve
 * --tls}: the same paths, answers and error explanations as the Jersey server ({@link
 * PageResource}, {@link PingResource}, {@link ChatResource}, {@link ExplainedClientErrors}), with
 * the streams served by sse-servlet.
 *
 * <p>It routes by itself, as Jersey does from its annotations, so that a wrong method, {@code
 * Accept} or {@code Content-Type} gets the same plain-text explanation from both servers.
 */
final class SamplesServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private static final String EVENT_STREAM = "text/event-stream";

  /** What a route does with a request that reached it. */
  @FunctionalInterface
  private interface Handler {
    void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
  }

  /** One method on one path, as a JAX-RS resource method: what it consumes and produces. */
  private static final class Route {
    final String method;
    final String path;
    final String consumes;
    final String produces;
    final transient Handler handler;

    Route(String method, String path, String consumes, String produces, Handler handler) {
      this.method = method;
      this.path = path;
      this.consumes = consumes;
      this.produces = produces;
      this.handler = handler;
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  /** The path that stands for any single segment: a page file's name. */
  private static final String FILE = "/{file}";

  private final transient EventHub pings;
  private final transient Chat chat;
  private final transient NodeMetrics metrics;
  private final transient List<Route> routes;

  SamplesServlet(EventHub pings, Chat chat, NodeMetrics metrics) {
    this.pings = pings;
    this.chat = chat;
    this.metrics = metrics;
    this.routes =
        List.of(
            new Route("GET", "/", null, null, (q, s) -> file(PageFiles.INDEX, q, s)),
            new Route("GET", FILE, null, null, (q, s) -> file(segment(q), q, s)),
            new Route("GET", "/events", null, EVENT_STREAM, this::pingStream),
            new Route("GET", "/chat/events", null, EVENT_STREAM, this::chatStream),
            new Route("POST", "/chat/messages", Chat.JSON, Chat.JSON, this::post),
            new Route("GET", "/metrics", null, null, this::scrape),
            new Route("GET", "/metrics/events", null, EVENT_STREAM, this::panelStream));
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = path(request);
    List<Route> resource = resource(path);
    if (resource.isEmpty()) {
      notFound(request, response);
      return;
    }
    String method = request.getMethod();
    Route route = find(resource, method.equals("HEAD") ? "GET" : method);
    if (method.equals("OPTIONS")) {
      EventHub streamHub =
          path.equals("/events") ? pings : path.equals("/chat/events") ? chat.hub() : null;
      if (streamHub != null) {
        ServletStreams.preflight(streamHub, request, response); // a browser's CORS preflight
        return;
      }
      response.setHeader("Allow", allowed(resource));
      response.setStatus(HttpServletResponse.SC_NO_CONTENT);
      return;
    }
    if (route == null || (method.equals("HEAD") && route.produces != null)) {
      response.setHeader("Allow", allowed(resource));
      reply(
          response,
          Chat.Reply.plain(
              405,
              method + " is not allowed on " + path + "; it allows " + allowed(resource)));
      return;
    }
    String target = method + " " + path;
    if (route.consumes != null) {
      String type = request.getContentType();
      if (type == null || !route.consumes.equalsIgnoreCase(mediaType(type))) {
        reply(
            response,
            Chat.Reply.plain(
                415,
                target
                    + " accepts "
                    + route.consumes
                    + ", not "
                    + (type == null ? "a body without Content-Type" : type)));
        return;
      }
    }
    String accept = request.getHeader("Accept");
    if (route.produces != null && !accepts(accept, route.produces)) {
      reply(
          response,
          Chat.Reply.plain(
              406,
              target
                  + " answers with "
                  + route.produces
                  + ", which Accept: "
                  + accept
                  + " does not allow"));
      return;
    }
    route.handler.handle(request, response);
  }

  private void pingStream(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletStreams.open(pings, request, response);
  }

  private void chatStream(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String username = request.getParameter("username");
    String lastEventId = request.getHeader("Last-Event-ID");
    Chat.Reply refused = chat.checkStream(username, lastEventId);
    if (refused != null) {
      reply(response, refused);
      return;
    }
    try {
      chat.openStream(
          username,
          ended -> {
            ServletStreams.open(
                chat.hub(), request, response, ended == null ? null : s -> ended.run());
            return response.getStatus();
          },
          status -> status == HttpServletResponse.SC_OK);
    } catch (IllegalStateException closed) {
      reply(response, Chat.SHUTTING_DOWN);
    }
  }

  private void scrape(HttpServletRequest request, HttpServletResponse response) throws IOException {
    byte[] body = metrics.scrape().getBytes(StandardCharsets.UTF_8);
    response.setContentType(MetricsResource.PROMETHEUS_TEXT);
    response.setHeader("Cache-Control", "no-cache");
    response.setContentLength(body.length);
    if (!request.getMethod().equals("HEAD")) {
      response.getOutputStream().write(body);
    }
  }

  private void panelStream(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    ServletStreams.open(metrics.panel(), request, response);
    metrics.showAgain();
  }

  private void post(HttpServletRequest request, HttpServletResponse response) throws IOException {
    reply(response, chat.post(request.getInputStream()));
  }

  private void file(String name, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    try (InputStream body = PageFiles.open(name)) {
      if (body == null) {
        notFound(request, response);
        return;
      }
      response.setContentType(PageFiles.type(name));
      response.setHeader("Cache-Control", "no-cache");
      if (!request.getMethod().equals("HEAD")) {
        body.transferTo(response.getOutputStream());
      }
    }
  }

  private void notFound(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String endpoints =
        routes.stream().map(Route::toString).collect(Collectors.toCollection(TreeSet::new)).stream()
            .collect(Collectors.joining(", "));
    reply(
        response,
        Chat.Reply.plain(
            404,
            "nothing at "
                + request.getMethod()
                + " "
                + path(request)
                + "; this server has "
                + endpoints));
  }

  static void reply(HttpServletResponse response, Chat.Reply reply) throws IOException {
    byte[] body = reply.body.getBytes(StandardCharsets.UTF_8);
    response.setStatus(reply.status);
    response.setContentType(reply.type);
    if (reply.retryAfter != null) {
      response.setHeader("Retry-After", reply.retryAfter);
    }
    response.setContentLength(body.length);
    try (OutputStream out = response.getOutputStream()) {
      out.write(body);
    }
  }

  /** The routes on {@code path}: its exact ones, else the page files' for a single segment. */
  private List<Route> resource(String path) {
    List<Route> exact =
        routes.stream().filter(r -> r.path.equals(path)).collect(Collectors.toList());
    if (!exact.isEmpty() || path.lastIndexOf('/') != 0) {
      return exact;
    }
    return routes.stream().filter(r -> r.path.equals(FILE)).collect(Collectors.toList());
  }

  private static Route find(List<Route> resource, String method) {
    return resource.stream().filter(r -> r.method.equals(method)).findFirst().orElse(null);
  }

  /** The methods a path allows, sorted as Jersey lists them: {@code GET, HEAD, OPTIONS}. */
  private static String allowed(List<Route> resource) {
    Set<String> methods = new TreeSet<>();
    methods.add("OPTIONS");
    for (Route route : resource) {
      methods.add(route.method);
      if (route.method.equals("GET") && route.produces == null) {
        methods.add("HEAD");
      }
    }
    return String.join(", ", methods);
  }

  private static String path(HttpServletRequest request) {
    String info = request.getPathInfo();
    String path = request.getServletPath() + (info == null ? "" : info);
    return path.isEmpty() ? "/" : path;
  }

  private static String segment(HttpServletRequest request) {
    return path(request).substring(1);
  }

  /** The type and subtype of a content type, without parameters, in lower case. */
  private static String mediaType(String contentType) {
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return type.strip().toLowerCase(Locale.ROOT);
  }

  /** True if an {@code Accept} header (absent: anything) allows {@code type}. */
  static boolean accepts(String accept, String type) {
    if (accept == null || accept.isBlank()) {
      return true;
    }
    String family = type.substring(0, type.indexOf('/'));
    for (String range : accept.split(",")) {
      if (range.replace(" ", "").toLowerCase(Locale.ROOT).matches(".*;q=0(\\.0*)?(;.*)?")) {
        continue;
      }
      String wanted = mediaType(range);
      if (wanted.equals("*/*") || wanted.equals(family + "/*") || wanted.equals(type)) {
        return true;
      }
    }
    return false;
  }
}
