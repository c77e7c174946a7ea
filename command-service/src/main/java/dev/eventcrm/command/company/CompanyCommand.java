package dev.eventcrm.command.company;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;

/** A command to an existing company. */
public interface CompanyCommand extends TargetsExisting {
    String companyId();

    /** The If-Match version; null when the request did not give one. */
    Long expectedVersion();

    @Override
    default String targetId() {
        return companyId();
    }

    @Override
    default String targetType() {
        return AggregateLookup.COMPANY;
    }
}
