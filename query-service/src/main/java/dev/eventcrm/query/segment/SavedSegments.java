package dev.eventcrm.query.segment;

import dev.eventcrm.api.ApiException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Saved segments with their members as of now: each request classifies the contacts once ({@link Segments}) and
 * counts every segment's filter over them, so a count follows the contacts' facts as soon as the projections have
 * folded them (a saved segment stores no members that could go stale).
 */
@Component
public class SavedSegments {
    private static final Comparator<SavedSegment> BY_NAME = Comparator
            .comparing((SavedSegment segment) -> segment.name().toLowerCase(Locale.ROOT))
            .thenComparing(SavedSegment::id);

    private final SavedSegmentRepository repository;
    private final Segments segments;
    private final Clock clock;

    SavedSegments(SavedSegmentRepository repository, Segments segments, Clock clock) {
        this.repository = repository;
        this.segments = segments;
        this.clock = clock;
    }

    Mono<SavedSegmentView.Page> all() {
        Instant now = clock.instant();
        return Mono.zip(repository.all().collectList(), segments.segmentation(now)).map(read -> {
            List<SavedSegmentView> items = read.getT1().stream().sorted(BY_NAME)
                    .map(segment -> SavedSegmentView.of(segment, members(read.getT2(), segment).size(), now))
                    .toList();
            return new SavedSegmentView.Page(now, items);
        });
    }

    /** A 404 problem for an unknown or deleted id. */
    Mono<SavedSegmentView> one(String id) {
        Instant now = clock.instant();
        return repository.byId(id).switchIfEmpty(Mono.error(ApiException.notFound("No saved segment with id " + id)))
                .flatMap(segment -> segments.segmentation(now).map(segmentation ->
                        SavedSegmentView.of(segment, members(segmentation, segment).size(), now)));
    }

    /** The ids of a saved segment's members now; a 400 problem naming {@code savedSegment} for an unknown id. */
    public Mono<Set<String>> members(String id) {
        Instant now = clock.instant();
        return repository.byId(id)
                .switchIfEmpty(Mono.error(ApiException.invalid("savedSegment", "no saved segment with id " + id)))
                .flatMap(segment -> segments.segmentation(now).map(segmentation -> members(segmentation, segment)));
    }

    private static Set<String> members(Segmentation segmentation, SavedSegment segment) {
        return segmentation.contacts().stream().filter(segment.members()).map(contact -> contact.contact().id())
                .collect(Collectors.toSet());
    }
}
