package dev.eventcrm.projections.history;

import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.event.UnparseableEventException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET {baseUrl}/api/v1/aggregates/{aggregateId}/events?fromSequence=N}, answered by the command-service with a
 * JSON array of envelopes (the Kafka value schema). Blocking on purpose: only the runner thread calls it.
 */
public class HttpEventHistory implements EventHistory {
    private final String baseUrl;
    private final Duration timeout;
    private final EnvelopeParser parser;
    private final HttpClient client;

    public HttpEventHistory(String baseUrl, Duration timeout, EnvelopeParser parser) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.timeout = timeout;
        this.parser = parser;
        // HTTP/1.1: no h2c upgrade attempt on plain http, which some servers answer badly.
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    @Override
    public List<ParsedEvent> load(String aggregateId, long fromSequence) {
        URI uri = URI.create(baseUrl + "/api/v1/aggregates/"
                + URLEncoder.encode(aggregateId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/events?fromSequence=" + fromSequence);
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
        try {
            return parser.parseArray(response.body());
        } catch (UnparseableEventException e) {
            throw new EventHistoryException("GET " + uri + " returned an unreadable history: " + e.getMessage(), e);
        }
    }
}
