package dev.eventcrm.projections.segment;

import dev.eventcrm.events.segment.SegmentDeleted;
import dev.eventcrm.events.segment.SegmentSaved;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.util.List;

/** The saved segments' fold: {@code SegmentSaved} replaces a segment's definition, {@code SegmentDeleted} flags it. */
public final class SavedSegmentsFold implements Fold<SavedSegment> {

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.SEGMENT) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public SavedSegment empty(String documentId) {
        return SavedSegment.empty(documentId);
    }

    @Override
    public SavedSegment apply(SavedSegment segment, ParsedEvent event) {
        if (event.payload() instanceof SegmentSaved saved) {
            return new SavedSegment(segment.id(), saved.name(), saved.filter(), segment.deleted(),
                    segment.createdAt() == null ? event.occurredAt() : segment.createdAt(), event.occurredAt());
        }
        if (event.payload() instanceof SegmentDeleted) {
            return new SavedSegment(segment.id(), segment.name(), segment.filter(), true, segment.createdAt(),
                    segment.savedAt());
        }
        return segment;
    }
}
