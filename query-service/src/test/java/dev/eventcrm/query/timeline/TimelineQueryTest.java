package dev.eventcrm.query.timeline;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

class TimelineQueryTest extends QueryServiceIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() { };
    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private final String contact = "c-" + UUID.randomUUID();
    private final String deal = "d-" + UUID.randomUUID();

    private static Instant at(int minutes) {
        return T0.plusSeconds(minutes * 60L);
    }

    /** A {@code contacts} document as the contact card writes it, only what a timeline request reads. */
    private void contact(String id, String mergedInto, long version) {
        insert("contacts", new Document("_id", id).append("name", "Anna").append("mergedInto", mergedInto)
                .append("version", version));
    }

    private void deal(String id, long version) {
        insert("deals", new Document("_id", id).append("title", "Fleet").append("version", version));
    }

    /** A {@code timeline} entry as the projections write it. */
    private void entry(String aggregateId, long sequence, String kind, Instant occurredAt, String contactId,
                       String dealId, Document summary) {
        insert("timeline", new Document("_id", aggregateId + "@" + String.format("%010d", sequence))
                .append("kind", kind)
                .append("occurredAt", Date.from(occurredAt))
                .append("recordedAt", Date.from(occurredAt.plusMillis(5)))
                .append("eventId", "ev-" + aggregateId + "-" + sequence)
                .append("aggregateType", "Call")
                .append("aggregateId", aggregateId)
                .append("sequence", sequence)
                .append("actorId", "m1")
                .append("contactId", contactId)
                .append("dealId", dealId)
                .append("summary", summary));
    }

    private void activity(String id, String kind, Instant occurredAt) {
        entry(id, 0, kind, occurredAt, contact, null, new Document());
    }

    @Test
    void aContactsTimelineIsNewestFirstWithEachEntrysFields() {
        contact(contact, null, 3);
        entry(contact, 0, "CONTACT_CREATED", at(0), contact, null, new Document("name", "Anna"));
        entry("t-" + contact, 0, "TASK_CREATED", at(5), contact, deal, new Document("type", "CALL")
                .append("dueAt", Date.from(at(60))).append("note", null));
        entry("k-" + contact, 0, "CALL", at(5), contact, deal, new Document("outcome", "CONNECTED")
                .append("durationSeconds", 95));
        entry("d-" + contact, 0, "DEAL_OPENED", at(2), contact, deal, new Document("amount",
                new Document("value", "1500.00").append("currency", "EUR")));
        entry("x-other", 0, "CALL", at(9), "someone-else", null, new Document());

        Map<String, Object> page = page("/api/v1/contacts/" + contact + "/timeline");
        List<Map<String, Object>> items = items(page);
        // at the same instant, by key descending: "t-..." after "k-..."
        assertThat(items).extracting(item -> item.get("kind"))
                .containsExactly("TASK_CREATED", "CALL", "DEAL_OPENED", "CONTACT_CREATED");
        assertThat(page.get("nextCursor")).isNull();

        Map<String, Object> task = items.get(0);
        assertThat(task).containsEntry("occurredAt", "2026-11-20T10:05:00.000Z")
                .containsEntry("recordedAt", "2026-11-20T10:05:00.005Z")
                .containsEntry("eventId", "ev-t-" + contact + "-0")
                .containsEntry("aggregateId", "t-" + contact)
                .containsEntry("actorId", "m1")
                .containsEntry("contactId", contact)
                .containsEntry("dealId", deal)
                .doesNotContainKey("_id");
        assertThat(summary(task)).containsEntry("type", "CALL").containsEntry("dueAt", "2026-11-20T11:00:00.000Z")
                .containsEntry("note", null);
        assertThat(summary(items.get(2))).containsEntry("amount", Map.of("value", "1500.00", "currency", "EUR"));
    }

    @Test
    void theCursorHoldsItsPlaceWhileEntriesAreAdded() {
        contact(contact, null, 0);
        for (int i = 1; i <= 5; i++) {
            activity("a" + i + "-" + contact, "NOTE", at(i * 10));
        }
        Map<String, Object> first = page("/api/v1/contacts/" + contact + "/timeline?limit=2");
        assertThat(ids(first)).containsExactly("a5-" + contact, "a4-" + contact);

        // meanwhile: a newer note, and a call logged late at a time below the cursor
        activity("new-" + contact, "NOTE", at(60));
        activity("late-" + contact, "CALL", at(25));

        Map<String, Object> second = page("/api/v1/contacts/" + contact + "/timeline?limit=2&cursor="
                + first.get("nextCursor"));
        assertThat(ids(second)).containsExactly("a3-" + contact, "late-" + contact);
        Map<String, Object> third = page("/api/v1/contacts/" + contact + "/timeline?limit=2&cursor="
                + second.get("nextCursor"));
        assertThat(ids(third)).containsExactly("a2-" + contact, "a1-" + contact);
        assertThat(third.get("nextCursor")).isNull();

        assertThat(ids(page("/api/v1/contacts/" + contact + "/timeline?limit=1"))).containsExactly("new-" + contact);
    }

    @Test
    void kindsFilterTheTimeline() {
        contact(contact, null, 0);
        activity("m-" + contact, "MEETING", at(1));
        activity("k-" + contact, "CALL", at(2));
        activity("n-" + contact, "NOTE", at(3));
        activity("i-" + contact, "INVOICE_PAID", at(4));

        assertThat(ids(page("/api/v1/contacts/" + contact + "/timeline?kinds=CALL,MEETING")))
                .containsExactly("k-" + contact, "m-" + contact);
        assertThat(ids(page("/api/v1/contacts/" + contact + "/timeline?kinds=TASK_CREATED"))).isEmpty();
        assertThat(ids(page("/api/v1/contacts/" + contact + "/timeline?kinds=INVOICE_ISSUED,INVOICE_PAID")))
                .containsExactly("i-" + contact);
    }

    @Test
    void aDealsTimelineHoldsTheEntriesNamingTheDeal() {
        deal(deal, 2);
        entry(deal, 0, "DEAL_OPENED", at(0), contact, deal, new Document());
        entry(deal, 1, "DEAL_LOST", at(10), contact, deal, new Document("to", "LOST").append("lossReason", "price"));
        entry("k-" + deal, 0, "CALL", at(5), contact, deal, new Document());
        entry("n-" + deal, 0, "NOTE", at(7), contact, null, new Document());

        Map<String, Object> page = page("/api/v1/deals/" + deal + "/timeline");
        assertThat(items(page)).extracting(item -> item.get("kind")).containsExactly("DEAL_LOST", "CALL",
                "DEAL_OPENED");
        assertThat(summary(items(page).get(0))).containsEntry("lossReason", "price");
    }

    @Test
    void aMergedContactsIdAnswersTheSurvivorsTimelineWithTheDuplicatesEntries() {
        String duplicate = "dup-" + contact;
        contact(contact, null, 2);
        contact(duplicate, contact, 1);
        activity("k-" + contact, "CALL", at(2));
        entry("n-" + duplicate, 0, "NOTE", at(1), duplicate, null, new Document());
        entry("x-" + duplicate, 0, "NOTE", at(3), "unrelated-" + contact, null, new Document());

        client.get().uri("/api/v1/contacts/" + duplicate + "/timeline").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Content-Location", "/api/v1/contacts/" + contact + "/timeline")
                .expectBody()
                .jsonPath("$.items[0].aggregateId").isEqualTo("k-" + contact)
                .jsonPath("$.items[1].aggregateId").isEqualTo("n-" + duplicate)
                .jsonPath("$.items.length()").isEqualTo(2);
        assertThat(ids(page("/api/v1/contacts/" + contact + "/timeline")))
                .containsExactly("k-" + contact, "n-" + duplicate);
    }

    @Test
    void anUnknownContactOrDealIsNotFound() {
        contact(contact, null, -1); // a placeholder: only calls arrived so far
        deal(deal, -1);
        for (String path : List.of("/api/v1/contacts/" + contact + "/timeline", "/api/v1/contacts/nobody/timeline",
                "/api/v1/deals/" + deal + "/timeline", "/api/v1/deals/nothing/timeline")) {
            client.get().uri(path).exchange()
                    .expectStatus().isNotFound()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        contact(contact, null, 0);
        deal(deal, 0);
        for (String[] bad : new String[][]{
                {"/api/v1/contacts/" + contact + "/timeline?kinds=CALL,PHONE_CALL", "kinds"},
                {"/api/v1/deals/" + deal + "/timeline?kinds=call", "kinds"},
                {"/api/v1/contacts/" + contact + "/timeline?kinds=CALL,", "kinds"},
                {"/api/v1/contacts/" + contact + "/timeline?limit=0", "limit"},
                {"/api/v1/deals/" + deal + "/timeline?limit=x", "limit"},
                {"/api/v1/contacts/" + contact + "/timeline?cursor=bm90LWEtY3Vyc29y", "cursor"},
                {"/api/v1/deals/" + deal + "/timeline?cursor=!!", "cursor"}}) {
            client.get().uri(bad[0]).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
    }

    private Map<String, Object> page(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk().expectBody(JSON_OBJECT).returnResult()
                .getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> items(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("items");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> item) {
        return (Map<String, Object>) item.get("summary");
    }

    private static List<Object> ids(Map<String, Object> page) {
        return items(page).stream().map(item -> item.get("aggregateId")).toList();
    }
}
