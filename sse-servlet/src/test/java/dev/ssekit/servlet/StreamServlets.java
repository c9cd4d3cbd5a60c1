package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The servlets and filter an application would write to serve a hub, as the Javadoc shows. */
final class StreamServlets {
  /** The request header the test's filter turns into the request's principal. */
  static final String USER_HEADER = "X-Test-User";

  /** Names {@link EventHub#topic} takes, as the path pattern of the Javadoc's example. */
  static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  private StreamServlets() {}

  /** {@code /hub/events}: the hub's default topic. */
  static final class DefaultTopic extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient EventHub hub;
    private final transient Consumer<Subscription> onClose;

    DefaultTopic(EventHub hub, Consumer<Subscription> onClose) {
      this.hub = hub;
      this.onClose = onClose;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      ServletStreams.open(hub, request, response, onClose);
    }
  }

  /** {@code /topics/<name>/events}: one topic per path. */
  static final class Topics extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private final transient EventHub hub;
    private final transient Consumer<Subscription> onClose;

    Topics(EventHub hub, Consumer<Subscription> onClose) {
      this.hub = hub;
      this.onClose = onClose;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String topic = topicName(request.getPathInfo());
      if (topic == null) {
        response.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      ServletStreams.open(hub.topic(topic), request, response, onClose);
    }
  }

  /** The topic in {@code /<name>/events}, or null when the path is no topic's. */
  static String topicName(String pathInfo) {
    if (pathInfo == null || !pathInfo.startsWith("/") || !pathInfo.endsWith("/events")) {
      return null;
    }
    String name = pathInfo.substring(1, pathInfo.length() - "/events".length());
    return TOPIC_NAME.matcher(name).matches() ? name : null;
  }

  /** Sets the request's principal from {@value #USER_HEADER}, as an authentication filter would. */
  static final class PrincipalFromHeader extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      String user = request.getHeader(USER_HEADER);
      if (user == null) {
        chain.doFilter(request, response);
        return;
      }
      Principal principal = () -> user;
      chain.doFilter(
          new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
              return principal;
            }
          },
          response);
    }
  }
}
