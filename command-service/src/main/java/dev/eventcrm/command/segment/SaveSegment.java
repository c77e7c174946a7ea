package dev.eventcrm.command.segment;

import dev.eventcrm.events.segment.SegmentFilter;

/** A new saved segment. */
public record SaveSegment(String segmentId, String name, SegmentFilter filter) {
}
