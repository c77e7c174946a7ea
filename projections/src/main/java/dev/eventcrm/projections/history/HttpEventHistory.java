package dev.eventcrm.projections.history;

import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.event.UnparseableEventException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code GET {baseUrl}/api/v1/aggregates/{aggregateId}/events?fromSequence=N}, answered by the command-service with a
 * JSON array of envelopes (the Kafka value schema).
 */
public class HttpEventHistory implements EventHistory {
    private final JsonGet http;
    private final EnvelopeParser parser;

    public HttpEventHistory(String baseUrl, Duration timeout, EnvelopeParser parser) {
        this.http = new JsonGet(baseUrl, timeout);
        this.parser = parser;
    }

    @Override
    public List<ParsedEvent> load(String aggregateId, long fromSequence) {
        String path = "/api/v1/aggregates/" + URLEncoder.encode(aggregateId, StandardCharsets.UTF_8).replace("+", "%20")
                + "/events?fromSequence=" + fromSequence;
        String body = http.get(path);
        try {
            return parser.parseArray(body);
        } catch (UnparseableEventException e) {
            throw new EventHistoryException("GET " + path + " returned an unreadable history: " + e.getMessage(), e);
        }
    }
}
