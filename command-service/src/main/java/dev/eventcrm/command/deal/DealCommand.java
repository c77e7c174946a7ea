package dev.eventcrm.command.deal;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;

/** A command to an existing deal. */
public interface DealCommand extends TargetsExisting {
    String dealId();

    @Override
    default String targetId() {
        return dealId();
    }

    @Override
    default String targetType() {
        return AggregateLookup.DEAL;
    }
}
