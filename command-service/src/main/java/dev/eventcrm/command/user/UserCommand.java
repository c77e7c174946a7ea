package dev.eventcrm.command.user;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;

/** A command to an existing user. */
public interface UserCommand extends TargetsExisting {
    String userId();

    /** The If-Match version; null when the request did not give one. */
    Long expectedVersion();

    @Override
    default String targetId() {
        return userId();
    }

    @Override
    default String targetType() {
        return AggregateLookup.USER;
    }
}
