package dev.eventcrm.command.segment;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;
import dev.eventcrm.events.segment.SegmentFilter;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A saved segment's whole new definition (name and filter), from now on; the earlier ones stay in its history.
 *
 * @param expectedVersion the If-Match version; null when the request did not give one
 */
public record RedefineSegment(@TargetAggregateIdentifier String segmentId, String name, SegmentFilter filter,
                              Long expectedVersion) implements TargetsExisting {

    @Override
    public String targetId() {
        return segmentId;
    }

    @Override
    public String targetType() {
        return AggregateLookup.SEGMENT;
    }
}
