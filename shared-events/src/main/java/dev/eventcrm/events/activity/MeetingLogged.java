package dev.eventcrm.events.activity;

import java.time.Instant;

/**
 * A meeting held with a contact, the minimal record a manager must enter. Business time is {@code occurredAt}.
 *
 * @param dealId the deal the meeting was about; null when none
 */
public record MeetingLogged(String meetingId, String contactId, String dealId, Instant occurredAt, String subject,
                            String result) {
}
