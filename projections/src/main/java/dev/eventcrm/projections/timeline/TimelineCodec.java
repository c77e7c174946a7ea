package dev.eventcrm.projections.timeline;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** How an entry is stored in {@code timeline}: the contract with query-service. */
final class TimelineCodec {

    private TimelineCodec() {
    }

    static Document encode(TimelineEntry entry) {
        return new Document("_id", entry.id())
                .append("kind", entry.kind())
                .append("occurredAt", date(entry.occurredAt()))
                .append("recordedAt", date(entry.recordedAt()))
                .append("eventId", entry.eventId())
                .append("aggregateType", entry.aggregateType())
                .append("aggregateId", entry.aggregateId())
                .append("sequence", entry.sequence())
                .append("actorId", entry.actorId())
                .append("contactId", entry.contactId())
                .append("dealId", entry.dealId())
                .append("summary", entry.summary());
    }

    private static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }
}
