package dev.ssekit.samples.docs.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code GET /metrics}: the registry in Prometheus's text format, for a scraper. */
@Path("/metrics")
public final class ScrapeResource {
  private final PrometheusMeterRegistry registry;

  /** Serves {@code registry}. */
  public ScrapeResource(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /** Every meter of the registry. */
  // begin-snippet: prometheus-endpoint
  @GET
  public Response scrape() {
    return Response.ok(registry.scrape(), "text/plain; version=0.0.4; charset=utf-8").build();
  }
  // end-snippet
}
