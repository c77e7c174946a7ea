package dev.eventcrm.projections.event;

import java.time.Instant;
import java.util.Map;

/**
 * One envelope of {@code crm.events}, validated, with its payload bound to the event record named by {@code type}.
 *
 * @param envelope the JSON the event arrived as (verbatim for Kafka records)
 */
public record ParsedEvent(
        String eventId,
        String type,
        String aggregateType,
        String aggregateId,
        long sequence,
        Instant occurredAt,
        Instant recordedAt,
        Map<String, String> metadata,
        Record payload,
        String envelope) {

    public static final String CONTACT = "Contact";
    public static final String DEAL = "Deal";
    public static final String CALL = "Call";
    public static final String PIPELINE = "Pipeline";
    public static final String COMPANY = "Company";
    public static final String USER = "User";
    public static final String MEETING = "Meeting";
    public static final String EMAIL = "Email";
    public static final String NOTE = "Note";
    public static final String TASK = "Task";
    public static final String INVOICE = "Invoice";
    public static final String QUOTA = "Quota";
    public static final String SEGMENT = "Segment";
    public static final String MARKETING_SPEND = "MarketingSpend";

    public boolean isOf(String aggregate) {
        return aggregate.equals(aggregateType);
    }
}
