package dev.eventcrm.query.segment;

import dev.eventcrm.api.ApiException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The segmentation as of now, for the report and for the contact list's {@code segment=} filter. */
@Component
public class Segments {
    private final SegmentRepository repository;
    private final SegmentProperties properties;
    private final Clock clock;

    Segments(SegmentRepository repository, SegmentProperties properties, Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.clock = clock;
    }

    Mono<SegmentsView> report() {
        Instant now = clock.instant();
        return segmentation(now).map(segmentation -> SegmentsReport.of(segmentation, now,
                properties.churnAfterDays()));
    }

    /**
     * The ids of the listed contacts in a named segment or lifecycle stage ({@code champions}, ...,
     * {@code lead}, ...; case ignored); a 400 problem naming {@code segment} for any other name. The check comes
     * before any read.
     */
    public Mono<Set<String>> members(String name) {
        Predicate<Classified> member = memberOf(name);
        return segmentation(clock.instant()).map(segmentation -> segmentation.contacts().stream().filter(member)
                .map(contact -> contact.contact().id()).collect(Collectors.toSet()));
    }

    /** The listed contacts classified as of {@code now}: what every count and member list is taken from. */
    Mono<Segmentation> segmentation(Instant now) {
        return Mono.zip(repository.contacts(), repository.tallies(now)).map(read -> Segmentation.of(read.getT1(),
                read.getT2(), now, properties.currency(), properties.churnAfterDays()));
    }

    private static Predicate<Classified> memberOf(String name) {
        String id = name.trim().toLowerCase(Locale.ROOT);
        for (Segment segment : Segment.values()) {
            if (segment.id().equals(id)) {
                return contact -> contact.rfm() != null && contact.rfm().segment() == segment;
            }
        }
        for (Lifecycle stage : Lifecycle.values()) {
            if (stage.id().equals(id)) {
                return contact -> contact.lifecycle() == stage;
            }
        }
        List<String> known = Stream.concat(Arrays.stream(Segment.values()).map(Segment::id),
                Arrays.stream(Lifecycle.values()).map(Lifecycle::id)).toList();
        throw ApiException.invalid("segment", "must be one of " + String.join(", ", known));
    }
}
