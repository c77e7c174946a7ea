package dev.eventcrm.command.segment;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param expectedVersion the If-Match version; null when the request did not give one */
public record DeleteSegment(@TargetAggregateIdentifier String segmentId, Long expectedVersion)
        implements TargetsExisting {

    @Override
    public String targetId() {
        return segmentId;
    }

    @Override
    public String targetType() {
        return AggregateLookup.SEGMENT;
    }
}
