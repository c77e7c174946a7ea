package dev.eventcrm.events;

/**
 * Keys of the metadata every stored event carries. They feed the audit trail (who, through which channel, caused
 * by which command), bitemporal queries (business time vs. recording time) and, later, the per-aggregate hash chain.
 */
public final class EventMetadata {
    public static final String ACTOR_ID = "actorId";
    public static final String CHANNEL = "channel";
    public static final String COMMAND_ID = "commandId";
    public static final String CORRELATION_ID = "correlationId";
    public static final String CAUSATION_ID = "causationId";
    /** Business time, ISO-8601; may be given by the client. */
    public static final String OCCURRED_AT = "occurredAt";
    /** Server time at which the event was recorded, ISO-8601. */
    public static final String RECORDED_AT = "recordedAt";

    private EventMetadata() {
    }
}
