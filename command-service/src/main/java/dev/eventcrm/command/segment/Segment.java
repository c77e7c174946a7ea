package dev.eventcrm.command.segment;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.segment.SegmentDeleted;
import dev.eventcrm.events.segment.SegmentFilter;
import dev.eventcrm.events.segment.SegmentSaved;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A saved dynamic segment: a name and a filter over the segmentation's fields. Every definition it had stays in its
 * history ({@link SegmentSaved} each time); its members are never stored, the query side evaluates the filter.
 */
@Aggregate
public class Segment {

    @AggregateIdentifier
    private String segmentId;
    private String name;
    private SegmentFilter filter;
    private boolean deleted;

    protected Segment() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Segment(SaveSegment command, AggregateLookup lookup) {
        requireValid(command.name(), command.filter());
        lookup.register(command.segmentId(), AggregateLookup.SEGMENT);
        apply(new SegmentSaved(command.segmentId(), command.name().trim(), command.filter()));
    }

    /** Returns the segment's version; the definition it already has stores nothing. */
    @CommandHandler
    public long handle(RedefineSegment command) {
        StaleVersion.require(segmentId, command.expectedVersion());
        requireNotDeleted();
        requireValid(command.name(), command.filter());
        String newName = command.name().trim();
        if (!newName.equals(name) || !Objects.equals(command.filter(), filter)) {
            apply(new SegmentSaved(segmentId, newName, command.filter()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(DeleteSegment command) {
        StaleVersion.require(segmentId, command.expectedVersion());
        requireNotDeleted();
        apply(new SegmentDeleted(segmentId));
        return AggregateLifecycle.getVersion();
    }

    /** A name; each listed value given; bounds not negative, a window's minimum not above its maximum. */
    private static void requireValid(String name, SegmentFilter filter) {
        if (name == null || name.isBlank()) {
            throw new RuleViolation("segment-name-blank", "name", "must not be blank");
        }
        Stream.of(filter.countries(), filter.cities(), filter.sources()).flatMap(List::stream)
                .filter(value -> value == null || value.isBlank()).findAny().ifPresent(blank -> {
                    throw new RuleViolation("segment-value-blank", "filter", "a country, city or source is blank");
                });
        requireBounds("30d", filter.minActivities30d(), filter.maxActivities30d());
        requireBounds("90d", filter.minActivities90d(), filter.maxActivities90d());
    }

    private static void requireBounds(String window, Integer min, Integer max) {
        if (min != null && min < 0) {
            throw new RuleViolation("segment-bound-negative", "filter.minActivities" + window, "must not be negative");
        }
        if (max != null && max < 0) {
            throw new RuleViolation("segment-bound-negative", "filter.maxActivities" + window, "must not be negative");
        }
        if (min != null && max != null && min > max) {
            throw new RuleViolation("segment-bounds-crossed", "filter.maxActivities" + window,
                    "must not be below filter.minActivities" + window);
        }
    }

    private void requireNotDeleted() {
        if (deleted) {
            throw new RuleViolation("segment-deleted", "Segment " + segmentId + " is deleted");
        }
    }

    @EventSourcingHandler
    void on(SegmentSaved event) {
        segmentId = event.segmentId();
        name = event.name();
        filter = event.filter();
    }

    @EventSourcingHandler
    void on(SegmentDeleted event) {
        deleted = true;
    }
}
