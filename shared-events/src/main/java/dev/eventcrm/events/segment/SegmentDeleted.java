package dev.eventcrm.events.segment;

/** A saved segment removed: it is no longer listed; its definitions stay in its history. */
public record SegmentDeleted(String segmentId) {
}
