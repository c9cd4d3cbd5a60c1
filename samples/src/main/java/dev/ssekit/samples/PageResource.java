package dev.ssekit.samples;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** Serves the demo pages and their scripts ({@link PageFiles}) on Jersey. */
@Path("/")
public final class PageResource {
  /** The page, {@code index.html}. */
  @GET
  public Response index() {
    return file(PageFiles.INDEX);
  }

  /**
   * One of the pages' files.
   *
   * @param name such as {@code index.html} or {@code app.js}
   * @return the file, or {@code 404} for any other name
   */
  @GET
  @Path("{file}")
  public Response file(@PathParam("file") String name) {
    InputStream body = PageFiles.open(name);
    if (body == null) {
      throw new NotFoundException();
    }
    return Response.ok(body, PageFiles.type(name)).header("Cache-Control", "no-cache").build();
  }
}
