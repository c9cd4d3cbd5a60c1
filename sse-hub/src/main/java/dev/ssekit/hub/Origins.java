package dev.ssekit.hub;

import java.util.Locale;

/**
 * Origins as browsers serialise them ({@code scheme://host[:port]}, lower case, no default port),
 * parsed by hand: {@link java.net.URI} accepts user info, escapes and registry names that no
 * browser sends in an {@code Origin} header, and the header is the client's to choose.
 */
final class Origins {
  /** How much of a client's value a log line or a reason shows. */
  private static final int SHOWN_CHARS = 100;

  private Origins() {}

  /**
   * {@code origin} in the form a browser sends it, for the configured list.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static String normalize(String origin) {
    if (origin.equals("null")) {
      throw new IllegalArgumentException(
          "the \"null\" origin is never allowed: sandboxed frames, file: pages and redirects all"
              + " send it, so it names no one");
    }
    if (origin.equals("*")) {
      throw new IllegalArgumentException(
          "\"*\" cannot be allowed: browsers refuse it for streams with credentials; list each"
              + " origin");
    }
    int colon = origin.indexOf("://");
    String scheme = colon < 0 ? "" : origin.substring(0, colon).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "an origin is http://host[:port] or https://host[:port], got: " + origin);
    }
    String authority = origin.substring(colon + 3);
    int end = firstOf(authority, "/?#");
    if (end >= 0) {
      throw new IllegalArgumentException(
          "an origin has no path, query or trailing slash (browsers send scheme://host[:port]"
              + " only), got: "
              + origin);
    }
    HostPort hostPort = HostPort.parse(scheme, authority);
    if (hostPort == null) {
      throw new IllegalArgumentException(
          "an origin's host is an ASCII name, an IPv4 address or a bracketed IPv6 address, with"
              + " an optional port from 1 to 65535, got: "
              + origin);
    }
    return scheme + "://" + hostPort.shown(scheme);
  }

  /**
   * True if {@code origin} is the origin of a request made with {@code scheme} to {@code host} (the
   * request's {@code Host} header): same scheme, host and port.
   */
  static boolean isSameOrigin(String origin, String scheme, String host) {
    if (scheme == null || host == null) {
      return false;
    }
    int colon = origin.indexOf("://");
    if (colon < 0 || !origin.substring(0, colon).equalsIgnoreCase(scheme)) {
      return false;
    }
    String s = scheme.toLowerCase(Locale.ROOT);
    HostPort fromOrigin = HostPort.parse(s, origin.substring(colon + 3));
    HostPort fromHost = HostPort.parse(s, host);
    return fromOrigin != null && fromOrigin.equals(fromHost);
  }

  /**
   * A client's value made safe for a log line or a plain-text reason: visible ASCII without markup
   * characters, at most {@value #SHOWN_CHARS} characters, so it can neither forge a log line nor
   * become HTML.
   */
  static String shown(String value) {
    StringBuilder b = new StringBuilder(Math.min(value.length(), SHOWN_CHARS) + 2);
    for (int i = 0; i < value.length() && b.length() < SHOWN_CHARS; i++) {
      char c = value.charAt(i);
      b.append(c > ' ' && c < 0x7f && c != '<' && c != '>' && c != '"' && c != '&' ? c : '?');
    }
    if (value.length() > SHOWN_CHARS) {
      b.append('…');
    }
    return b.toString();
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** A host and a port, the default port of the scheme filled in. */
  private record HostPort(String host, int port) {
    /** {@code host[:port]}, or null when it is not one. */
    static HostPort parse(String scheme, String authority) {
      String host;
      String rest;
      if (authority.startsWith("[")) {
        int close = authority.indexOf(']');
        if (close < 0) {
          return null;
        }
        host = authority.substring(0, close + 1);
        if (!isIpv6(host)) {
          return null;
        }
        rest = authority.substring(close + 1);
      } else {
        int colon = authority.indexOf(':');
        host = colon < 0 ? authority : authority.substring(0, colon);
        rest = colon < 0 ? "" : authority.substring(colon);
        if (!isName(host)) {
          return null;
        }
      }
      int port;
      if (rest.isEmpty()) {
        port = defaultPort(scheme);
      } else if (rest.startsWith(":") && rest.length() >= 2 && rest.length() <= 6) {
        port = 0;
        for (int i = 1; i < rest.length(); i++) {
          char c = rest.charAt(i);
          if (c < '0' || c > '9') {
            return null;
          }
          port = port * 10 + (c - '0');
        }
        if (port < 1 || port > 65535) {
          return null;
        }
      } else {
        return null;
      }
      return new HostPort(host.toLowerCase(Locale.ROOT), port);
    }

    /** {@code host}, with {@code :port} unless it is the scheme's default. */
    String shown(String scheme) {
      return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    private static int defaultPort(String scheme) {
      return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    /** Letters, digits, {@code -} and {@code .}: a DNS name (IDNs in their ASCII form) or IPv4. */
    private static boolean isName(String host) {
      if (host.isEmpty() || host.length() > 253) {
        return false;
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || c == '-'
                || c == '.';
        if (!ok) {
          return false;
        }
      }
      return true;
    }

    private static boolean isIpv6(String bracketed) {
      if (bracketed.length() < 4) {
        return false;
      }
      for (int i = 1; i < bracketed.length() - 1; i++) {
        char c = bracketed.charAt(i);
        boolean ok =
            (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f')
                || (c >= 'A' && c <= 'F')
                || c == ':'
                || c == '.';
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
