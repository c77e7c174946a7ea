package dev.eventcrm.command.call;

import dev.eventcrm.command.lookup.ReferencesContact;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallOutcome;

import java.time.Instant;

public record LogCall(String callId, String contactId, String dealId, CallDirection direction, CallOutcome outcome,
                      int durationSeconds, String notes, Instant occurredAt) implements ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new LogCall(callId, contactId, dealId, direction, outcome, durationSeconds, notes, occurredAt);
    }
}
