package dev.eventcrm.query.segment;

import com.mongodb.client.model.Filters;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallLogged;
import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.events.segment.LifecycleStage;
import dev.eventcrm.events.segment.RfmSegment;
import dev.eventcrm.events.segment.SegmentDeleted;
import dev.eventcrm.events.segment.SegmentFilter;
import dev.eventcrm.events.segment.SegmentSaved;
import dev.eventcrm.projections.customervalue.CustomerValueProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.segment.SavedSegmentsProjection;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import dev.eventcrm.query.segment.CustomerEvents.Fact;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Saved segments over stored documents, as of 2026-06-01T00:00Z; the definitions arrive as events through the
 * saved-segments projection. Other tests' contacts share the database (leads without facts), so every segment here
 * narrows to this base's countries, cities or customers. Wins at 00:00 UTC, all in EUR.
 *
 * <pre>
 * contact  country city  source  won (amount, day)                        activities (days ago)   other
 * ss-a     SS      Graz  web     100 05-25, 100 04-01, 100 03-01          call 12, call 7, call 61
 * ss-b     SS      Graz  fair    1000 05-30                               meeting 47
 * ss-c     SS      Linz  web     500 2025-09-01, 500 2025-08-01           -
 * ss-d     AT      Wien  web     50 2024-06-01                            -
 * ss-e     -       -     web     100 01-10, 100 01-20, 100 02-01          call 1
 * ss-p     SS      Graz  web     -                                        call 4                  an open deal
 * ss-l     SS      Linz  fair    -                                        -
 * ss-x     SS      Graz  web     5000 05-31                               call 1                  archived
 * </pre>
 * Five customers (ss-x is archived: in nothing). Days since the last win: b 2, a 7, e 120, c 273, d 730.
 * R = 1 + customers with more days: b 5, a 4, e 3, c 2, d 1. F (wins a 3, e 3, c 2, b 1, d 1) = 1 + customers with
 * fewer: a 4, e 4, c 3, b 1, d 1. M (a 300, e 300, b 1000, c 1000, d 50) = 1 + customers with less: a 2, e 2, b 4,
 * c 4, d 1. Segments: a R4 F4 M2 loyal (M < 4: not champions); e R3 F4 loyal; b R5 F1 new; c R2 F3 at-risk (F < 4:
 * not cannot-lose-them); d R1 F1 lost. Lifecycle: a, b, c, e customer (c's 273 days <= 365); d churned (730);
 * p prospect; l lead. Activities in 30 / 90 days: a 2 / 3, b 0 / 1, c 0 / 0, d 0 / 0, e 1 / 1, p 1 / 1, l 0 / 0.
 * <ul>
 * <li>"Active loyal": rfm champions or loyal, at least 1 activity in 30 days: a, e = 2;</li>
 * <li>"Slipping": customer or churned, no activity in 90 days, country SS or "at" (case ignored): c, d = 2 (b had
 * a meeting);</li>
 * <li>"Graz web": city "graz", source web: a, p = 2 (b came from a fair, x is archived);</li>
 * <li>"No country": country unknown, customers: e = 1;</li>
 * <li>"Gone": deleted, neither listed nor found.</li>
 * </ul>
 */
class SavedSegmentQueryTest extends QueryServiceIntegrationTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final List<String> CONTACTS = List.of("ss-a", "ss-b", "ss-c", "ss-d", "ss-e", "ss-p", "ss-l",
            "ss-x");
    private static final SegmentFilter SLIPPING = filter(List.of(), List.of(LifecycleStage.CUSTOMER,
            LifecycleStage.CHURNED), List.of("SS", "at"), List.of(), List.of(), null, null, null, 0);

    private final List<ParsedEvent> segmentEvents = new ArrayList<>();

    @BeforeEach
    void customers() {
        clock.set(NOW);
        Mono.from(database.getCollection("contacts").deleteMany(Filters.in("_id", CONTACTS))).block(TIMEOUT);
        Mono.from(database.getCollection("customer_facts").deleteMany(new Document())).block(TIMEOUT);
        Mono.from(database.getCollection(SavedSegmentRepository.COLLECTION).deleteMany(new Document()))
                .block(TIMEOUT);
        insert("contacts", contact("ss-a", "SS", "Graz", "web", false));
        insert("contacts", contact("ss-b", "SS", "Graz", "fair", false));
        insert("contacts", contact("ss-c", "SS", "Linz", "web", false));
        insert("contacts", contact("ss-d", "AT", "Wien", "web", false));
        insert("contacts", contact("ss-e", null, null, "web", false));
        insert("contacts", contact("ss-p", "SS", "Graz", "web", false));
        insert("contacts", contact("ss-l", "SS", "Linz", "fair", false));
        insert("contacts", contact("ss-x", "SS", "Graz", "web", true));
        List<Fact> facts = new ArrayList<>();
        won(facts, "ss-a", "100", "2026-05-25", "2026-04-01", "2026-03-01");
        won(facts, "ss-b", "1000", "2026-05-30");
        won(facts, "ss-c", "500", "2025-09-01", "2025-08-01");
        won(facts, "ss-d", "50", "2024-06-01");
        won(facts, "ss-e", "100", "2026-01-10", "2026-01-20", "2026-02-01");
        won(facts, "ss-x", "5000", "2026-05-31");
        facts.add(Fact.deal("ss-p", "OPEN", Instant.parse("2026-05-01T00:00:00Z")));
        activity(facts, "ss-a", 12, 7, 61);
        activity(facts, "ss-b", 47);
        activity(facts, "ss-e", 1);
        activity(facts, "ss-p", 4);
        activity(facts, "ss-x", 1);
        CustomerEvents.project(database, "ss-f", facts);
        committed(Segments.CONTACTS, Segments.CUSTOMER_FACTS);

        save("s-active", "Active loyal", filter(List.of(RfmSegment.CHAMPIONS, RfmSegment.LOYAL), List.of(),
                List.of(), List.of(), List.of(), 1, null, null, null));
        save("s-slipping", "Slipping", SLIPPING);
        save("s-graz", "Graz web", filter(List.of(), List.of(), List.of(), List.of("graz"), List.of("web"), null,
                null, null, null));
        save("s-unknown", "No country", filter(List.of(), List.of(LifecycleStage.CUSTOMER), List.of("unknown"),
                List.of(), List.of(), null, null, null, null));
        save("s-gone", "Gone", filter(List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, null));
        definitions(new SegmentDeleted("s-gone"), "s-gone");
    }

    @Test
    void everySavedSegmentIsListedByNameWithItsMembersCountedNow() {
        client.get().uri("/api/v1/segments").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.asOf").isEqualTo("2026-06-01T00:00:00Z")
                .jsonPath("$.items[*].id").isEqualTo(List.of("s-active", "s-graz", "s-unknown", "s-slipping"))
                .jsonPath("$.items[*].contacts").isEqualTo(List.of(2, 2, 1, 2))
                .jsonPath("$.items[0].filter.rfmSegments").isEqualTo(List.of("champions", "loyal"))
                .jsonPath("$.items[0].filter.minActivities30d").isEqualTo(1)
                .jsonPath("$.items[0].filter.maxActivities30d").isEmpty()
                .jsonPath("$.items[3].filter.lifecycles").isEqualTo(List.of("customer", "churned"))
                .jsonPath("$.items[3].version").isEqualTo(0);
    }

    @Test
    void oneSegmentAndItsMembersInTheContactList() {
        client.get().uri("/api/v1/segments/s-slipping").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.name").isEqualTo("Slipping")
                .jsonPath("$.contacts").isEqualTo(2)
                .jsonPath("$.createdAt").isEqualTo("2026-05-01T00:00:00Z");
        client.get().uri("/api/v1/contacts?savedSegment=s-slipping").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of("ss-c", "ss-d"));
        // with a named segment and the list's own filters
        client.get().uri("/api/v1/contacts?savedSegment=s-slipping&segment=lost").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of("ss-d"));
        client.get().uri("/api/v1/contacts?savedSegment=s-graz&country=SS").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of("ss-a", "ss-p"));
    }

    @Test
    void aDeletedOrUnknownSegmentIsNotFound() {
        client.get().uri("/api/v1/segments/s-gone").exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/segments/nothing").exchange().expectStatus().isNotFound();
        client.get().uri("/api/v1/contacts?savedSegment=s-gone").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("savedSegment");
    }

    @Test
    void aNewEventChangesTheCountOnTheNextRead() {
        count("s-slipping", 2);
        // ss-c is called: an activity in the last 90 days, so it no longer slips
        CallLogged call = new CallLogged("ss-call", "ss-c", null, CallDirection.OUTBOUND, CallOutcome.CONNECTED, 60,
                null, NOW.minusSeconds(3_600));
        ParsedEvent called = event(ParsedEvent.CALL, "ss-call", 0, call);
        CustomerValueProjection.create(database, history(List.of(called)), TIMEOUT).applyBatch(List.of(called));
        committed(Segments.CUSTOMER_FACTS);
        count("s-slipping", 1);
        // redefined to allow one activity in 90 days: ss-c is back, and ss-b (its meeting) joins
        definitions(new SegmentSaved("s-slipping", "Slipping", filter(List.of(), SLIPPING.lifecycles(),
                SLIPPING.countries(), List.of(), List.of(), null, null, null, 1)), "s-slipping");
        count("s-slipping", 3);
        client.get().uri("/api/v1/segments/s-slipping").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void theFiltersNamesAreTheSegmentationsOwn() {
        assertThat(Arrays.stream(RfmSegment.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Segment.values()).map(Enum::name).toList());
        assertThat(Arrays.stream(LifecycleStage.values()).map(Enum::name))
                .containsExactlyElementsOf(Arrays.stream(Lifecycle.values()).map(Enum::name).toList());
    }

    private void count(String segmentId, int contacts) {
        client.get().uri("/api/v1/segments/" + segmentId).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.contacts").isEqualTo(contacts);
    }

    /** Saved on 2026-05-01, sequence 0. */
    private void save(String id, String name, SegmentFilter filter) {
        definitions(new SegmentSaved(id, name, filter), id);
    }

    /** The next event of segment {@code id}, folded by the saved-segments projection. */
    private void definitions(Record payload, String id) {
        long sequence = segmentEvents.stream().filter(e -> e.aggregateId().equals(id)).count();
        Instant at = Instant.parse("2026-05-01T00:00:00Z").plusSeconds(86_400 * sequence);
        ParsedEvent event = new ParsedEvent(id + "@" + sequence, payload.getClass().getSimpleName(), "Segment", id,
                sequence, at, at, Map.of("actorId", "lead"), payload, null);
        segmentEvents.add(event);
        SavedSegmentsProjection.create(database, history(segmentEvents), TIMEOUT).applyBatch(List.of(event));
    }

    private static ParsedEvent event(String aggregateType, String id, long sequence, Record payload) {
        return new ParsedEvent(id + "@" + sequence, payload.getClass().getSimpleName(), aggregateType, id, sequence,
                NOW, NOW, Map.of("actorId", "anna"), payload, null);
    }

    private static EventHistory history(List<ParsedEvent> events) {
        return (aggregateId, fromSequence) -> events.stream()
                .filter(e -> e.aggregateId().equals(aggregateId) && e.sequence() >= fromSequence).toList();
    }

    private static SegmentFilter filter(List<RfmSegment> rfm, List<LifecycleStage> stages, List<String> countries,
                                        List<String> cities, List<String> sources, Integer min30, Integer max30,
                                        Integer min90, Integer max90) {
        return new SegmentFilter(rfm, stages, countries, cities, sources, min30, max30, min90, max90);
    }

    private static void won(List<Fact> facts, String contact, String amount, String... days) {
        for (String day : days) {
            facts.add(Fact.won(contact, amount, "EUR", Instant.parse(day + "T00:00:00Z")));
        }
    }

    private static void activity(List<Fact> facts, String contact, int... daysAgo) {
        for (int days : daysAgo) {
            facts.add(Fact.activity(contact, NOW.minusSeconds(86_400L * days)));
        }
    }

    private static Document contact(String id, String country, String city, String source, boolean archived) {
        return new Document("_id", id).append("id", id).append("name", "Saved " + id).append("version", 0L)
                .append("country", country).append("city", city).append("source", source)
                .append("archived", archived).append("createdAt", new Date()).append("mergedInto", null);
    }
}
