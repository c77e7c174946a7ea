package dev.eventcrm.query.segment;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.eventcrm.events.segment.SegmentFilter;

import java.time.Instant;
import java.util.List;

/**
 * A saved segment as {@code GET /api/v1/segments} shows it: its definition and how many listed contacts it holds as
 * of {@code asOf}. Segment and lifecycle names are the report's ids ({@code at-risk}, {@code customer}).
 *
 * @param contacts its members now
 * @param version  the segment's version (its If-Match for PUT and DELETE)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record SavedSegmentView(String id, String name, Filter filter, int contacts, Instant asOf, long version,
                        Instant createdAt, Instant savedAt) {

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Filter(List<String> rfmSegments, List<String> lifecycles, List<String> countries, List<String> cities,
                  List<String> sources, Integer minActivities30d, Integer maxActivities30d, Integer minActivities90d,
                  Integer maxActivities90d) {
    }

    /** {@code GET /api/v1/segments}: every saved segment, by name (case ignored), then id. */
    record Page(Instant asOf, List<SavedSegmentView> items) {
    }

    static SavedSegmentView of(SavedSegment segment, int contacts, Instant asOf) {
        SegmentFilter filter = segment.filter();
        return new SavedSegmentView(segment.id(), segment.name(), new Filter(
                filter.rfmSegments().stream().map(rfm -> Segment.valueOf(rfm.name()).id()).toList(),
                filter.lifecycles().stream().map(stage -> Lifecycle.valueOf(stage.name()).id()).toList(),
                filter.countries(), filter.cities(), filter.sources(), filter.minActivities30d(),
                filter.maxActivities30d(), filter.minActivities90d(), filter.maxActivities90d()),
                contacts, asOf, segment.version(), segment.createdAt(), segment.savedAt());
    }
}
