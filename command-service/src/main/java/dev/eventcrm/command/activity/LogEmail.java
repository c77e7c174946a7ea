package dev.eventcrm.command.activity;

import dev.eventcrm.command.lookup.ReferencesContact;
import dev.eventcrm.events.activity.EmailDirection;

import java.time.Instant;

public record LogEmail(String emailId, String contactId, String dealId, EmailDirection direction, String subject,
                       Instant occurredAt) implements ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new LogEmail(emailId, contactId, dealId, direction, subject, occurredAt);
    }
}
