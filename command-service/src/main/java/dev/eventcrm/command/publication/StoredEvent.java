package dev.eventcrm.command.publication;

/** One row of the event store as the relay and the history endpoint read it. */
record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequence, String aggregateType,
                   String payloadType, byte[] payload, byte[] metadata, String timestamp) {
}
