package dev.eventcrm.query.segment;

import dev.eventcrm.events.segment.SegmentFilter;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A saved segment's current definition (a {@code saved_segments} document). Its members are the listed contacts of
 * the segmentation of now that its filter holds for: the same {@link Classified} contacts the report counts, so the
 * segment and lifecycle rules exist once. Every criterion given must hold, any value of a list; countries, cities
 * and sources compare ignoring case and surrounding spaces, and {@code unknown} stands for none (as in the report).
 */
record SavedSegment(String id, String name, SegmentFilter filter, long version, Instant createdAt,
                    Instant savedAt) {

    Predicate<Classified> members() {
        Set<Segment> segments = filter.rfmSegments().stream().map(rfm -> Segment.valueOf(rfm.name()))
                .collect(Collectors.toSet());
        Set<Lifecycle> stages = filter.lifecycles().stream().map(stage -> Lifecycle.valueOf(stage.name()))
                .collect(Collectors.toSet());
        return contact -> (segments.isEmpty() || contact.rfm() != null && segments.contains(contact.rfm().segment()))
                && (stages.isEmpty() || stages.contains(contact.lifecycle()))
                && oneOf(filter.countries(), contact.contact().country())
                && oneOf(filter.cities(), contact.contact().city())
                && oneOf(filter.sources(), contact.contact().source())
                && within(contact.value().activities30(), filter.minActivities30d(), filter.maxActivities30d())
                && within(contact.value().activities90(), filter.minActivities90d(), filter.maxActivities90d());
    }

    private static boolean oneOf(List<String> values, String actual) {
        String key = actual == null || actual.isBlank() ? SegmentsReport.UNKNOWN : actual.trim();
        return values.isEmpty() || values.stream().anyMatch(value -> value.trim().toLowerCase(Locale.ROOT)
                .equals(key.toLowerCase(Locale.ROOT)));
    }

    private static boolean within(int count, Integer min, Integer max) {
        return (min == null || count >= min) && (max == null || count <= max);
    }
}
