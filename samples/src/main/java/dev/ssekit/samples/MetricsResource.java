package dev.ssekit.samples;

import dev.ssekit.hub.EventHub;
import dev.ssekit.jaxrs.HubStreams;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * {@code GET /metrics}: the node's meters in Prometheus's text format, for a scraper; and {@code
 * GET /metrics/events}: the page's live panel, a {@link Stats} event whenever a figure changes.
 */
@Path("/metrics")
public final class MetricsResource {
  /** Prometheus's text exposition format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private final NodeMetrics metrics;

  MetricsResource(NodeMetrics metrics) {
    this.metrics = metrics;
  }

  /** Every meter of both hubs (and their Redis logs), in Prometheus's text format. */
  @GET
  public Response scrape() {
    return Response.ok(metrics.scrape(), PROMETHEUS_TEXT)
        .header("Cache-Control", "no-cache")
        .build();
  }

  /**
   * The panel's stream: the current figures within a second, then new ones whenever one changes.
   *
   * @return the stream, or {@code 403} for an origin the CORS policy refuses
   */
  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Response events(@Context HttpHeaders headers, @Context SecurityContext security) {
    Response stream =
        HubStreams.open(metrics.panel().topic(EventHub.DEFAULT_TOPIC), headers, security);
    metrics.showAgain();
    return stream;
  }

  /** Answers a browser's CORS preflight for the panel's stream. */
  @OPTIONS
  @Path("events")
  public Response preflight(@Context HttpHeaders headers, @Context SecurityContext security) {
    return HubStreams.preflight(metrics.panel(), headers, security);
  }
}
