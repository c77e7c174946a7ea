package dev.eventcrm.projections.timeline;

import org.bson.Document;

import java.time.Instant;

/**
 * One entry of a contact's and/or a deal's timeline: one event, shown on the timeline of {@code contactId} and on
 * that of {@code dealId} (either may be null).
 *
 * @param occurredAt business time: an activity's own time, else the event's
 * @param summary    the kind's own fields, as stored (dates as BSON dates, amounts as decimal strings)
 */
public record TimelineEntry(String id, String kind, Instant occurredAt, Instant recordedAt, String eventId,
                            String aggregateType, String aggregateId, long sequence, String actorId,
                            String contactId, String dealId, Document summary) {

    /**
     * The entry's key: one per event, deterministic, so a redelivery overwrites rather than adds. The sequence is
     * zero-padded so that one aggregate's entries at the same instant sort in their order, and so that an
     * aggregate's first event is found by key (see {@link TimelineProjection}).
     */
    public static String key(String aggregateId, long sequence) {
        return aggregateId + "@" + String.format("%010d", sequence);
    }
}
