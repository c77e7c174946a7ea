package dev.eventcrm.query.segment;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.mongo.ReadModelStamps;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The segmentation as of now, for the report and for the contact list's {@code segment=} filter. The latest one is
 * kept under the stamps of the contacts' and the customer facts' projections, read before them, and answers every
 * "now" from the one it was made for until it would come out differently ({@link Segmentation#until}).
 */
@Component
public class Segments {
    static final String CONTACTS = "contact-card";
    static final String CUSTOMER_FACTS = "customer-value";

    private final SegmentRepository repository;
    private final ReadModelStamps stamps;
    private final SegmentProperties properties;
    private final Clock clock;
    private volatile Kept kept;

    Segments(SegmentRepository repository, ReadModelStamps stamps, SegmentProperties properties, Clock clock) {
        this.repository = repository;
        this.stamps = stamps;
        this.properties = properties;
        this.clock = clock;
    }

    /** A segmentation made at {@code from} from what was read under {@code stamp}, and its report, once asked for. */
    private record Kept(String stamp, Instant from, Segmentation segmentation, AtomicReference<SegmentsView> report) {

        boolean answers(String stamp, Instant now) {
            return this.stamp.equals(stamp) && !now.isBefore(from) && now.isBefore(segmentation.until());
        }
    }

    Mono<SegmentsView> report() {
        Instant now = clock.instant();
        return kept(now).map(kept -> kept.report().updateAndGet(report -> report != null ? report
                : SegmentsReport.of(kept.segmentation(), now, properties.churnAfterDays())).at(now));
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
        return kept(now).map(Kept::segmentation);
    }

    private Mono<Kept> kept(Instant now) {
        return stamps.of(CONTACTS, CUSTOMER_FACTS).flatMap(stamp -> {
            Kept latest = kept;
            if (latest != null && latest.answers(stamp, now)) {
                return Mono.just(latest);
            }
            return Mono.zip(repository.contacts(), repository.tallies(now)).map(read -> {
                Kept made = new Kept(stamp, now, Segmentation.of(read.getT1(), read.getT2(), now,
                        properties.currency(), properties.churnAfterDays()), new AtomicReference<>());
                kept = made;
                return made;
            });
        });
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
