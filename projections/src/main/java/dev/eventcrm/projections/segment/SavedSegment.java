package dev.eventcrm.projections.segment;

import dev.eventcrm.events.segment.SegmentFilter;

import java.time.Instant;

/**
 * One saved segment's current definition. A deleted one stays (flagged), so that its applied sequences keep a
 * redelivered definition from bringing it back.
 *
 * @param createdAt when it was first saved
 * @param savedAt   when its current definition was saved
 */
public record SavedSegment(String id, String name, SegmentFilter filter, boolean deleted, Instant createdAt,
                           Instant savedAt) {

    static SavedSegment empty(String id) {
        return new SavedSegment(id, null, null, false, null, null);
    }
}
