package dev.eventcrm.command.contact;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;

/** A command to an existing contact. */
public interface ContactCommand extends TargetsExisting {
    String contactId();

    /** The If-Match version; null when the request did not give one. */
    Long expectedVersion();

    @Override
    default String targetId() {
        return contactId();
    }

    @Override
    default String targetType() {
        return AggregateLookup.CONTACT;
    }
}
