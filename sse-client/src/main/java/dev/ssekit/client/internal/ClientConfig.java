package dev.ssekit.client.internal;

import dev.ssekit.client.ReconnectPolicy;
import dev.ssekit.client.ReconnectRequest;
import dev.ssekit.client.RequestCustomizer;
import dev.ssekit.core.SseLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * Everything one stream needs to connect, as the public builder collected it. Immutable.
 *
 * @param uri the stream's URL
 * @param client the HttpClient that sends every attempt, or {@code null} for the defaults
 * @param defaults the default HttpClients when {@code client} is {@code null}, else {@code null}
 * @param headers extra request headers, in order
 * @param method the HTTP method
 * @param body the request body, sent again on every attempt
 * @param customizer adjusts each attempt's request, or {@code null}
 * @param lastEventId the initial last event ID, {@code ""} for none
 * @param policy when to reconnect
 * @param reconnectRequest what a reconnect sends; {@code null}: the stream does not reconnect
 * @param responseTimeout reconnect when the response headers take longer; zero disables
 * @param idleTimeout reconnect after this long without bytes; zero disables
 * @param executor runs listener callbacks
 * @param limits the parser's limits
 * @param endSentinel the data that ends the stream, or {@code null}
 */
public record ClientConfig(
    URI uri,
    HttpClient client,
    DefaultClients defaults,
    List<Map.Entry<String, String>> headers,
    String method,
    HttpRequest.BodyPublisher body,
    RequestCustomizer customizer,
    String lastEventId,
    ReconnectPolicy policy,
    ReconnectRequest reconnectRequest,
    Duration responseTimeout,
    Duration idleTimeout,
    Executor executor,
    SseLimits limits,
    String endSentinel) {}
