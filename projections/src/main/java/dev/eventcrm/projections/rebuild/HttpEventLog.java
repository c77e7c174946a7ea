package dev.eventcrm.projections.rebuild;

import dev.eventcrm.projections.event.EnvelopeParser;
import dev.eventcrm.projections.event.UnparseableEventException;
import dev.eventcrm.projections.history.EventHistoryException;
import dev.eventcrm.projections.history.JsonGet;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

/** {@code GET {baseUrl}/api/v1/events?afterIndex=N&limit=M} of the command-service. */
public class HttpEventLog implements EventLog {
    private final JsonGet http;
    private final EnvelopeParser parser;

    public HttpEventLog(String baseUrl, Duration timeout, EnvelopeParser parser) {
        this.http = new JsonGet(baseUrl, timeout);
        this.parser = parser;
    }

    @Override
    public Page after(long globalIndex, int limit) {
        String path = "/api/v1/events?afterIndex=" + globalIndex + "&limit=" + limit;
        try {
            JsonNode page = parser.readTree(http.get(path));
            return new Page(parser.parseArray(page.get("events")), page.path("lastIndex").asLong(globalIndex),
                    page.path("headIndex").asLong(0));
        } catch (UnparseableEventException e) {
            throw new EventHistoryException("GET " + path + " returned an unreadable page: " + e.getMessage(), e);
        }
    }
}
