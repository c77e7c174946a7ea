package dev.eventcrm.events.call;

import java.time.Instant;

/** A call with a contact, optionally about a deal; {@code dealId} is null when the call concerns no deal. */
public record CallLogged(
        String callId,
        String contactId,
        String dealId,
        CallDirection direction,
        CallOutcome outcome,
        int durationSeconds,
        String notes,
        Instant occurredAt) {
}
