package dev.eventcrm.projections.rebuild;

import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.UnparseableEventException;
import dev.eventcrm.projections.history.EventHistoryException;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** {@code GET {baseUrl}/api/v1/events?afterIndex=N&limit=M} of the command-service. */
public class HttpEventLog implements EventLog {
    private final String baseUrl;
    private final Duration timeout;
    private final EnvelopeParser parser;
    private final HttpClient client;

    public HttpEventLog(String baseUrl, Duration timeout, EnvelopeParser parser) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.parser = parser;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public Page after(long globalIndex, int limit) {
        URI uri = URI.create(baseUrl + "/api/v1/events?afterIndex=" + globalIndex + "&limit=" + limit);
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
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
        try {
            JsonNode page = parser.readTree(response.body());
            return new Page(parser.parseArray(page.get("events")), page.path("lastIndex").asLong(globalIndex),
                    page.path("headIndex").asLong(0));
        } catch (UnparseableEventException e) {
            throw new EventHistoryException("GET " + uri + " returned an unreadable page: " + e.getMessage(), e);
        }
    }
}
