package dev.eventcrm.events.activity;

import java.time.Instant;

/** An e-mail sent to or received from a contact. @param dealId the deal it was about; null when none */
public record EmailLogged(String emailId, String contactId, String dealId, EmailDirection direction, String subject,
                          Instant occurredAt) {
}
