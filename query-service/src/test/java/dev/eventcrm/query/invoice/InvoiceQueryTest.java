package dev.eventcrm.query.invoice;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import dev.eventcrm.query.web.IdCursor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InvoiceQueryTest extends QueryServiceIntegrationTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() { };

    /** 14:30 on the 24th in UTC; in the tests' installation zone (Vladivostok, UTC+10) already 00:30 on the 25th. */
    private static final Instant NOW = Instant.parse("2026-11-24T14:30:00Z");

    private static Document invoice(String id, String dealId, String dueDate) {
        return new Document("_id", id).append("id", id).append("dealId", dealId).append("contactId", "c-" + dealId)
                .append("number", "N-" + id)
                .append("amount", new Document("value", "1500.50").append("currency", "EUR"))
                .append("dueDate", dueDate).append("status", "OPEN").append("paidOn", null)
                .append("issuedAt", Date.from(Instant.parse("2026-11-01T09:00:00Z"))).append("paidAt", null)
                .append("updatedAt", Date.from(Instant.parse("2026-11-01T09:00:00Z")))
                .append("version", 0L).append("applied", List.of("x"));
    }

    private static Document paid(Document invoice, String paidOn) {
        return invoice.append("status", "PAID").append("paidOn", paidOn)
                .append("paidAt", Date.from(Instant.parse("2026-11-20T08:00:00Z"))).append("version", 1L);
    }

    @Test
    void returnsTheInvoiceWithItsVersionAsEntityTag() {
        String id = "inv-" + UUID.randomUUID();
        insert("invoices", paid(invoice(id, "d1", "2026-11-30"), "2026-11-28"));

        client.get().uri("/api/v1/invoices/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"1\"")
                .expectBody()
                .jsonPath("$._id").doesNotExist()
                .jsonPath("$.applied").doesNotExist()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.dealId").isEqualTo("d1")
                .jsonPath("$.contactId").isEqualTo("c-d1")
                .jsonPath("$.number").isEqualTo("N-" + id)
                .jsonPath("$.amount.value").isEqualTo("1500.50")
                .jsonPath("$.amount.currency").isEqualTo("EUR")
                .jsonPath("$.dueDate").isEqualTo("2026-11-30")
                .jsonPath("$.status").isEqualTo("PAID")
                .jsonPath("$.paidOn").isEqualTo("2026-11-28")
                .jsonPath("$.paidAt").isEqualTo("2026-11-20T08:00:00.000Z")
                .jsonPath("$.version").isEqualTo(1);
    }

    @Test
    void unknownInvoiceIsNotFoundAndMinVersionWaitsForTheCallersWrite() {
        client.get().uri("/api/v1/invoices/{id}", "inv-missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Invoice inv-missing does not exist");

        String id = "inv-" + UUID.randomUUID();
        insert("invoices", invoice(id, "d1", "2026-11-30"));
        client.get().uri("/api/v1/invoices/{id}?minVersion=0", id).exchange()
                .expectStatus().isOk().expectHeader().valueEquals("ETag", "\"0\"");
        client.get().uri("/api/v1/invoices/{id}?minVersion=1", id).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/read-model-behind");
    }

    @Test
    void overdueIsOpenAndDueBeforeTodayInTheInstallationsZone() {
        clock.set(NOW);
        String d = "deal-" + UUID.randomUUID();
        insert("invoices", invoice(d + "-23rd", d, "2026-11-23"));
        // the 24th is over in Vladivostok, though not yet in UTC
        insert("invoices", invoice(d + "-24th", d, "2026-11-24"));
        insert("invoices", invoice(d + "-25th", d, "2026-11-25"));
        insert("invoices", paid(invoice(d + "-paid-late", d, "2026-11-20"), "2026-11-24"));

        assertThat(ids("/api/v1/invoices?status=overdue&dealId=" + d)).containsExactly(d + "-23rd", d + "-24th");
        assertThat(ids("/api/v1/invoices?status=open&dealId=" + d))
                .containsExactly(d + "-23rd", d + "-24th", d + "-25th");
        assertThat(ids("/api/v1/invoices?status=PAID&dealId=" + d)).containsExactly(d + "-paid-late");

        // a day later the 25th is over too
        clock.set(NOW.plusSeconds(24 * 3600));
        assertThat(ids("/api/v1/invoices?status=overdue&dealId=" + d))
                .containsExactly(d + "-23rd", d + "-24th", d + "-25th");
    }

    @Test
    void filtersByDealAndContactInDueDateOrder() {
        String d = "deal-" + UUID.randomUUID();
        insert("invoices", invoice(d + "-b", d, "2026-12-02"));
        insert("invoices", invoice(d + "-a", d, "2026-12-01"));
        insert("invoices", invoice(d + "-other", "other-" + d, "2026-11-01").append("contactId", "c-" + d));

        assertThat(ids("/api/v1/invoices?dealId=" + d)).containsExactly(d + "-a", d + "-b");
        assertThat(ids("/api/v1/invoices?contactId=c-" + d)).containsExactly(d + "-other", d + "-a", d + "-b");
        assertThat(ids("/api/v1/invoices?contactId=c-" + d + "&dealId=other-" + d)).containsExactly(d + "-other");
    }

    @Test
    void theCursorWalksInvoicesDueOnTheSameDayOnceEach() {
        String d = "deal-" + UUID.randomUUID();
        insert("invoices", invoice(d + "-c", d, "2026-12-01"));
        insert("invoices", invoice(d + "-a", d, "2026-12-01"));
        insert("invoices", invoice(d + "-b", d, "2026-12-01"));
        insert("invoices", invoice(d + "-0", d, "2026-11-30"));
        insert("invoices", invoice(d + "-z", d, "2026-12-02"));

        List<String> walked = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> page = page("/api/v1/invoices?dealId=" + d + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor));
            walked.addAll(idsOf(page));
            cursor = (String) page.get("nextCursor");
            pages++;
        } while (cursor != null);
        assertThat(walked).containsExactly(d + "-0", d + "-a", d + "-b", d + "-c", d + "-z");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void badParametersAreFieldErrors() {
        Map<String, String> queries = Map.of(
                "/api/v1/invoices?status=late", "status",
                "/api/v1/invoices?limit=0", "limit",
                "/api/v1/invoices?cursor=%25%25", "cursor",
                "/api/v1/invoices?cursor=" + IdCursor.encode("no-date"), "cursor",
                "/api/v1/invoices?cursor=" + IdCursor.encode("2026-13-01:x"), "cursor");
        queries.forEach((uri, field) -> client.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
    }

    private List<String> ids(String uri) {
        return idsOf(page(uri));
    }

    private Map<String, Object> page(String uri) {
        return client.get().uri(uri).exchange().expectStatus().isOk()
                .expectBody(JSON_OBJECT).returnResult().getResponseBody();
    }

    @SuppressWarnings("unchecked")
    private static List<String> idsOf(Map<String, Object> page) {
        return ((List<Map<String, Object>>) page.get("items")).stream().map(item -> (String) item.get("id")).toList();
    }
}
