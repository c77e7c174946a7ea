package dev.eventcrm.query.segment;

import com.mongodb.client.model.Filters;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import dev.eventcrm.query.segment.CustomerEvents.Fact;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The report and the contact list's filter over stored documents, as of 2026-06-01T00:00Z. Other tests' contacts
 * share the database (all leads, in other countries), so lead counts are checked in country ZZ only.
 * <ul>
 * <li>seg-a: won 100 and 200 EUR, the last on 2026-05-30 (2 days ago); its merged contact seg-m had a call 7 days
 * ago;</li>
 * <li>seg-b: won 50 EUR on 2025-01-01 (516 days ago: churned);</li>
 * <li>seg-p: an open deal (prospect); seg-l: nothing (lead).</li>
 * </ul>
 * Two customers: R, F and M of seg-a are 1 + 5 x 1 / 2 = 3 (one customer strictly worse), seg-b's 1. seg-a: R 3,
 * F 3, Loyal; seg-b: R 1, F 1, Lost. Value: 3 deals, 350 EUR, average 116.67.
 */
class SegmentQueryTest extends QueryServiceIntegrationTest {
    private static final List<String> CONTACTS = List.of("seg-a", "seg-b", "seg-p", "seg-l", "seg-m");
    private static final List<String> CONTACTS_AND_LATE = List.of("seg-a", "seg-b", "seg-p", "seg-l", "seg-m", "seg-n");

    @BeforeEach
    void customers() {
        clock.set(Instant.parse("2026-06-01T00:00:00Z"));
        Mono.from(database.getCollection("contacts").deleteMany(Filters.in("_id", CONTACTS_AND_LATE))).block(TIMEOUT);
        Mono.from(database.getCollection("customer_facts").deleteMany(new Document())).block(TIMEOUT);
        CONTACTS.forEach(id -> insert("contacts", contact(id, id.equals("seg-m") ? "seg-a" : null)));
        CustomerEvents.project(database, "seg-f", List.of(
                Fact.won("seg-a", "100", "EUR", Instant.parse("2026-04-01T00:00:00Z")),
                Fact.won("seg-a", "200.00", "EUR", Instant.parse("2026-05-30T00:00:00Z")),
                Fact.won("seg-b", "50", "EUR", Instant.parse("2025-01-01T00:00:00Z")),
                Fact.deal("seg-p", "OPEN", Instant.parse("2026-05-01T00:00:00Z")),
                Fact.activity("seg-m", Instant.parse("2026-05-25T00:00:00Z"))));
        committed(Segments.CONTACTS, Segments.CUSTOMER_FACTS);
    }

    @Test
    void aSegmentationAnswersUntilItWouldChangeOrItsReadModelsMoveOn() {
        client.get().uri("/api/v1/reports/segments").exchange().expectBody()
                .jsonPath("$.countries.ZZ.lead").isEqualTo(1);
        // a contact the projection wrote but has not yet recorded its position for
        insert("contacts", contact("seg-n", null));
        clock.set(Instant.parse("2026-06-01T23:59:59.999Z"));
        client.get().uri("/api/v1/reports/segments").exchange().expectBody()
                .jsonPath("$.asOf").isEqualTo("2026-06-01T23:59:59.999Z")
                .jsonPath("$.countries.ZZ.lead").isEqualTo(1);
        // the days the engagement is read from change at midnight UTC: read again
        clock.set(Instant.parse("2026-06-02T00:00:00Z"));
        client.get().uri("/api/v1/reports/segments").exchange().expectBody()
                .jsonPath("$.countries.ZZ.lead").isEqualTo(2);

        Mono.from(database.getCollection("contacts").deleteOne(Filters.eq("_id", "seg-n"))).block(TIMEOUT);
        client.get().uri("/api/v1/reports/segments").exchange().expectBody()
                .jsonPath("$.countries.ZZ.lead").isEqualTo(2);
        committed(Segments.CONTACTS);
        client.get().uri("/api/v1/reports/segments").exchange().expectBody()
                .jsonPath("$.countries.ZZ.lead").isEqualTo(1);
    }

    @Test
    void reportCountsSegmentsLifecycleEngagementAndValue() {
        client.get().uri("/api/v1/reports/segments").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.asOf").isEqualTo("2026-06-01T00:00:00Z")
                .jsonPath("$.reportingCurrency").isEqualTo("EUR")
                .jsonPath("$.churnAfterDays").isEqualTo(365)
                .jsonPath("$.customers").isEqualTo(2)
                .jsonPath("$.segments[*].segment").isEqualTo(List.of("champions", "loyal", "new",
                        "potential-loyalist", "cannot-lose-them", "at-risk", "hibernating", "lost"))
                .jsonPath("$.segments[*].contacts").isEqualTo(List.of(0, 1, 0, 0, 0, 0, 0, 1))
                .jsonPath("$.segments[1].name").isEqualTo("Loyal")
                .jsonPath("$.lifecycle.customer").isEqualTo(1)
                .jsonPath("$.lifecycle.churned").isEqualTo(1)
                .jsonPath("$.lifecycle.prospect").isEqualTo(1)
                .jsonPath("$.engagement.last30Days").isEqualTo(1)
                .jsonPath("$.engagement.last90Days").isEqualTo(1)
                .jsonPath("$.value[0].currency").isEqualTo("EUR")
                .jsonPath("$.value[0].wonDeals").isEqualTo(3)
                .jsonPath("$.value[0].won").isEqualTo("350.00")
                .jsonPath("$.value[0].avgOrder").isEqualTo("116.67")
                .jsonPath("$.countries.ZZ").isEqualTo(new Document("churned", 1).append("customer", 1)
                        .append("lead", 1).append("prospect", 1))
                .jsonPath("$.sources.seg-source.customer").isEqualTo(1);
    }

    @Test
    void contactsOfANamedSegmentOrLifecycleStage() {
        client.get().uri("/api/v1/contacts?segment=loyal").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of("seg-a"));
        client.get().uri("/api/v1/contacts?segment=Lost").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of("seg-b"));
        client.get().uri("/api/v1/contacts?segment=prospect").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of("seg-p"));
        // combined with the other filters; the merged seg-m is listed as its survivor only
        client.get().uri("/api/v1/contacts?segment=lead&country=ZZ").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items[*].id").isEqualTo(List.of("seg-l"));
        client.get().uri("/api/v1/contacts?segment=champions").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.items").isEmpty();
    }

    @Test
    void anUnknownSegmentIsABadRequestNamingTheParameter() {
        client.get().uri("/api/v1/contacts?segment=vip").exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.errors[0].field").isEqualTo("segment");
    }

    private static Document contact(String id, String mergedInto) {
        return new Document("_id", id).append("id", id).append("name", "Segment " + id).append("version", 0L)
                .append("country", "ZZ").append("city", "Zed").append("source", "seg-source")
                .append("createdAt", new Date()).append("mergedInto", mergedInto);
    }
}
