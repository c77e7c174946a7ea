package dev.eventcrm.events.segment;

/**
 * A saved dynamic segment defined, or redefined from the event's time on: each definition is a new event, so every
 * earlier one stays in the segment's history. Its members are not recorded: they follow from the filter and the
 * contacts as they are whenever it is read.
 */
public record SegmentSaved(String segmentId, String name, SegmentFilter filter) {
}
