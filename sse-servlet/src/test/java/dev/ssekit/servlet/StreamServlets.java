package dev.ssekit.servlet;

import dev.ssekit.hub.EventHub;
import dev.ssekit.hub.Subscription;
import dev.ssekit.hub.contract.StreamEndpointContract;
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
  /** Names {@link EventHub#topic} takes, as the path pattern of the Javadoc's example. */
  static final Pattern TOPIC_NAME = Pattern.compile("[A-Za-z0-9_-]{1,200}");

  private StreamServlets() {}

  /** A servlet that serves a hub's streams, passing released subscriptions to a callback. */
  abstract static class HubServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    final transient EventHub hub;
    final transient Consumer<Subscription> onClose;

    HubServlet(EventHub hub, Consumer<Subscription> onClose) {
      this.hub = hub;
      this.onClose = onClose;
    }
  }

  /** {@code /hub/events}: the hub's default topic. */
  static final class DefaultTopic extends HubServlet {
    private static final long serialVersionUID = 1L;

    DefaultTopic(EventHub hub, Consumer<Subscription> onClose) {
      super(hub, onClose);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      ServletStreams.open(hub, request, response, onClose);
    }
  }

  /**
   * {@code /topics/<name>/events}: one topic per path, the same stream for a GET and a POST, and
   * the CORS preflight for an OPTIONS.
   */
  static final class Topics extends HubServlet {
    private static final long serialVersionUID = 1L;

    Topics(EventHub hub, Consumer<Subscription> onClose) {
      super(hub, onClose);
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

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      doGet(request, response);
    }

    @Override
    protected void doOptions(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      ServletStreams.preflight(hub, request, response);
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

  /**
   * Sets the request's principal from {@value StreamEndpointContract#USER_HEADER}, as an
   * authentication filter would.
   */
  static final class PrincipalFromHeader extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doFilter(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      String user = request.getHeader(StreamEndpointContract.USER_HEADER);
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
