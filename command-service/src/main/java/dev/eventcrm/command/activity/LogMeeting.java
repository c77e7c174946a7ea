package dev.eventcrm.command.activity;

import dev.eventcrm.command.lookup.ReferencesContact;

import java.time.Instant;

public record LogMeeting(String meetingId, String contactId, String dealId, Instant occurredAt, String subject,
                         String result) implements ReferencesContact {

    @Override
    public Object withContactId(String contactId) {
        return new LogMeeting(meetingId, contactId, dealId, occurredAt, subject, result);
    }
}
