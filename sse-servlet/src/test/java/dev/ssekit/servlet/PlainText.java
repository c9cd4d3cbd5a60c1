package dev.ssekit.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code /plain}: a text response that a server with compression on does compress, to show that the
 * compression an event stream escapes is really on.
 */
final class PlainText extends HttpServlet {
  private static final long serialVersionUID = 1L;

  static final String BODY = "compress me ".repeat(512);

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.setContentType("text/plain;charset=UTF-8");
    response.getOutputStream().write(BODY.getBytes(StandardCharsets.UTF_8));
  }
}
