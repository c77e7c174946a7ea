package dev.eventcrm.events;

import java.time.Instant;
import java.util.Map;

/**
 * The message published to the Kafka topic {@code crm.events} for every stored event: key = aggregateId, value =
 * this envelope as JSON. {@code type} is the simple name of the event record, {@code sequence} the event's position
 * in its aggregate's stream (0 for the creating event).
 *
 * @param <P> the payload: one of the event records, or a JSON tree where the consumer does not bind it
 */
public record EventEnvelope<P>(
        String eventId,
        String type,
        String aggregateType,
        String aggregateId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        Map<String, String> metadata,
        P payload) {

    public static final String TOPIC = "crm.events";
}
