package dev.eventcrm.query.stream;

import org.bson.Document;

/** One {@code changes} document, reduced to what the SSE stream sends. */
record Change(long position, String type, String aggregateId, String recipientId, String envelope) {

    static Change from(Document doc) {
        Object envelope = doc.get("envelope");
        // The contract stores the envelope as a JSON string; an embedded document is tolerated and rendered as JSON.
        String json = envelope instanceof Document embedded ? embedded.toJson() : String.valueOf(envelope);
        return new Change(((Number) doc.get("position")).longValue(), doc.getString("type"), doc.getString("aggregateId"),
                doc.getString("recipientId"), json);
    }
}
