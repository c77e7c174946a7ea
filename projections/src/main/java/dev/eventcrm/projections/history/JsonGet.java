package dev.eventcrm.projections.history;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Blocking GETs of JSON from the command-service (aggregate histories, the event log). Blocking on purpose: only the
 * runner and rebuild threads call it. Every failure is an {@link EventHistoryException}, which callers retry.
 */
public final class JsonGet {
    private final String baseUrl;
    private final Duration timeout;
    // HTTP/1.1: no h2c upgrade attempt on plain http, which some servers answer badly.
    private final HttpClient client;

    public JsonGet(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /** The body of a 200 answer to {@code GET baseUrl + pathAndQuery}. */
    public String get(String pathAndQuery) {
        URI uri = URI.create(baseUrl + pathAndQuery);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new EventHistoryException("GET " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventHistoryException("GET " + uri + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            String body = response.body() == null ? "" : response.body();
            throw new EventHistoryException("GET " + uri + " answered " + response.statusCode() + ": "
                    + body.substring(0, Math.min(200, body.length())));
        }
        return response.body();
    }
}
