package dev.eventcrm.projections.fold;

import dev.eventcrm.events.call.CallLogged;

import java.time.Instant;

/**
 * Call counters of a deal or a contact. The latest call by business time wins whatever the delivery order (calls
 * come from their own aggregates, possibly on other partitions); equal times are ordered by call id, so every
 * delivery order folds to the same tally.
 */
public record CallTally(int count, String lastOutcome, Instant lastAt, String lastCallId) {
    public static final CallTally NONE = new CallTally(0, null, null, null);

    /** The tally with {@code call} counted; the event's time stands in for a missing call time. */
    public CallTally with(CallLogged call, Instant eventTime) {
        Instant at = call.occurredAt() != null ? call.occurredAt() : eventTime;
        String outcome = call.outcome() == null ? null : call.outcome().name();
        boolean latest = lastAt == null || at.isAfter(lastAt)
                || (at.equals(lastAt) && call.callId().compareTo(lastCallId) > 0);
        return latest ? new CallTally(count + 1, outcome, at, call.callId())
                : new CallTally(count + 1, lastOutcome, lastAt, lastCallId);
    }
}
