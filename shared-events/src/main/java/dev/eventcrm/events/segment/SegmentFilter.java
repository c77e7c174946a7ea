package dev.eventcrm.events.segment;

import java.util.List;

/**
 * Which contacts a saved segment holds, evaluated on the segmentation of now: every given criterion must hold, and a
 * list criterion holds for any of its values; an empty list or a null bound is no criterion. Lists are never null
 * (an event written before a list existed reads as an empty one).
 *
 * @param rfmSegments      the contact is a customer in one of these RFM segments
 * @param lifecycles       the contact is in one of these lifecycle stages
 * @param countries        the contact's country is one of these (case ignored; {@code unknown}: it has none)
 * @param cities           the same for the city
 * @param sources          the same for the lead source
 * @param minActivities30d at least this many calls, meetings, e-mails and notes in the last 30 days
 * @param maxActivities30d at most this many in the last 30 days
 * @param minActivities90d at least this many in the last 90 days
 * @param maxActivities90d at most this many in the last 90 days
 */
public record SegmentFilter(List<RfmSegment> rfmSegments, List<LifecycleStage> lifecycles, List<String> countries,
                            List<String> cities, List<String> sources, Integer minActivities30d,
                            Integer maxActivities30d, Integer minActivities90d, Integer maxActivities90d) {
    public SegmentFilter {
        rfmSegments = rfmSegments == null ? List.of() : List.copyOf(rfmSegments);
        lifecycles = lifecycles == null ? List.of() : List.copyOf(lifecycles);
        countries = countries == null ? List.of() : List.copyOf(countries);
        cities = cities == null ? List.of() : List.copyOf(cities);
        sources = sources == null ? List.of() : List.copyOf(sources);
    }
}
