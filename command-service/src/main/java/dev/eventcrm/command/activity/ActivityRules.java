package dev.eventcrm.command.activity;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.call.CallTime;
import dev.eventcrm.command.lookup.AggregateLookup;

import java.time.Instant;

/** The rules every activity shares with a call: it names an existing contact, and a deal only if one exists. */
final class ActivityRules {

    private ActivityRules() {
    }

    /** @param rule the refusal's name, e.g. {@code meeting-in-the-future} */
    static void requireNotInTheFuture(CallTime time, Instant occurredAt, String rule) {
        if (time.isInTheFuture(occurredAt)) {
            throw new RuleViolation(rule, "occurredAt", "must not be in the future");
        }
    }

    static void requireReferences(AggregateLookup lookup, String contactId, String dealId) {
        if (!lookup.exists(contactId, AggregateLookup.CONTACT)) {
            throw new RuleViolation("unknown-contact", "contactId", "no contact with id " + contactId);
        }
        if (dealId != null && !lookup.exists(dealId, AggregateLookup.DEAL)) {
            throw new RuleViolation("unknown-deal", "dealId", "no deal with id " + dealId);
        }
    }
}
