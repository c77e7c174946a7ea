package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.command.invoice.InvoiceFollowUp;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invoices over HTTP and a real H2 event store: issuing one creates its payment check for the deal's owner in the
 * same transaction, paying it completes that check, both recorded as automation caused by the invoice's event.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class InvoiceApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void issuingCreatesTheOwnersPaymentCheckAndPayingCompletesIt() {
        String ownerId = "accountant-" + UUID.randomUUID();
        post("/api/v1/users", "{\"id\":\"" + ownerId + "\",\"displayName\":\"Olga\",\"role\":\"manager\","
                + "\"timeZone\":\"Asia/Yekaterinburg\"}", null).expectStatus().isCreated();
        String contactId = contact();
        String dealId = deal(contactId, ownerId);
        String number = "INV-" + UUID.randomUUID();
        String invoiceId = id(post("/api/v1/invoices", invoice(dealId, number, "1500.00"), null)
                .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(0));

        JsonNode issued = events(invoiceId).get(0);
        assertThat(issued.path("payload").path("contactId").asString()).isEqualTo(contactId);
        assertThat(issued.path("payload").path("amount").path("value").asString()).isEqualTo("1500.00");
        String taskId = InvoiceFollowUp.taskId(invoiceId);
        JsonNode created = events(taskId).get(0);
        assertThat(created.path("payload").path("type").asString()).isEqualTo("OTHER");
        // 10:00 in Yekaterinburg (UTC+5) on the due date
        assertThat(created.path("payload").path("dueAt").asString()).isEqualTo("2026-11-30T05:00:00Z");
        assertThat(created.path("payload").path("assigneeId").asString()).isEqualTo(ownerId);
        assertThat(created.path("payload").path("contactId").asString()).isEqualTo(contactId);
        assertThat(created.path("payload").path("dealId").asString()).isEqualTo(dealId);
        assertThat(created.path("payload").path("note").asString()).isEqualTo("Check payment of invoice " + number);
        assertCausedBy(created, issued);

        post("/api/v1/invoices/" + invoiceId + "/payment", "{\"paidOn\":\"2026-11-28\"}", "\"0\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        JsonNode paid = events(invoiceId).get(1);
        assertThat(paid.path("payload").path("paidOn").asString()).isEqualTo("2026-11-28");
        List<JsonNode> task = events(taskId);
        assertThat(task).hasSize(2);
        assertThat(task.get(1).path("payload").path("result").asString()).isEqualTo("invoice paid");
        assertCausedBy(task.get(1), paid);

        post("/api/v1/invoices/" + invoiceId + "/payment", "{\"paidOn\":\"2026-11-29\"}", null)
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/invoice-already-paid");
        assertThat(events(invoiceId)).hasSize(2);
    }

    @Test
    void aPaymentLeavesACheckTheOwnerAlreadyCompletedAsItIs() {
        String invoiceId = id(post("/api/v1/invoices", invoice(deal(contact(), "m1"), "INV-" + UUID.randomUUID(),
                "10"), null).expectStatus().isCreated());
        String taskId = InvoiceFollowUp.taskId(invoiceId);
        post("/api/v1/tasks/" + taskId + "/complete", "{\"result\":\"client promised to pay\"}", null)
                .expectStatus().isOk();
        post("/api/v1/invoices/" + invoiceId + "/payment", "{\"paidOn\":\"2026-11-28\"}", null)
                .expectStatus().isOk();
        assertThat(events(taskId)).hasSize(2);
        assertThat(events(invoiceId)).hasSize(2);
    }

    @Test
    void aNumberIsUsedOnceIgnoringCaseAndTheConflictNamesTheFieldAndTheInvoice() {
        String dealId = deal(contact(), "m1");
        String number = "inv-" + UUID.randomUUID();
        String first = id(post("/api/v1/invoices", invoice(dealId, number, "10"), null).expectStatus().isCreated());
        post("/api/v1/invoices", invoice(dealId, " " + number.toUpperCase() + " ", "20"), null)
                .expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/duplicate-invoice-number")
                .jsonPath("$.field").isEqualTo("number")
                .jsonPath("$.existingId").isEqualTo(first);
    }

    @Test
    void refusalsNameTheField() {
        String dealId = deal(contact(), "m1");
        String contactId = contact();
        Map<String, String> bodies = Map.of(
                "dealId", invoice("nobody-" + UUID.randomUUID(), "INV-" + UUID.randomUUID(), "10"),
                "amount.value", invoice(dealId, "INV-" + UUID.randomUUID(), "0"),
                "number", "{\"dealId\":\"" + dealId + "\",\"amount\":{\"value\":\"10\",\"currency\":\"EUR\"},"
                        + "\"dueDate\":\"2026-11-30\"}",
                "dueDate", "{\"dealId\":\"" + dealId + "\",\"number\":\"INV-1\","
                        + "\"amount\":{\"value\":\"10\",\"currency\":\"EUR\"}}");
        bodies.forEach((field, body) -> post("/api/v1/invoices", body, null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
        // a contact's id is no deal
        post("/api/v1/invoices", invoice(contactId, "INV-" + UUID.randomUUID(), "10"), null)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("dealId");

        String invoiceId = id(post("/api/v1/invoices", invoice(dealId, "INV-" + UUID.randomUUID(), "10"), null)
                .expectStatus().isCreated());
        post("/api/v1/invoices/" + invoiceId + "/payment", "{}", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("paidOn");
        post("/api/v1/invoices/nobody/payment", "{\"paidOn\":\"2026-11-28\"}", null).expectStatus().isNotFound();
        post("/api/v1/invoices/" + dealId + "/payment", "{\"paidOn\":\"2026-11-28\"}", null)
                .expectStatus().isNotFound();
        post("/api/v1/invoices/" + invoiceId + "/payment", "{\"paidOn\":\"2026-11-28\"}", "\"3\"")
                .expectStatus().isEqualTo(412);
    }

    private static String invoice(String dealId, String number, String amount) {
        return "{\"dealId\":\"" + dealId + "\",\"number\":\"" + number + "\",\"amount\":{\"value\":\"" + amount
                + "\",\"currency\":\"EUR\"},\"dueDate\":\"2026-11-30\"}";
    }

    private static void assertCausedBy(JsonNode event, JsonNode cause) {
        assertThat(event.path("metaData").path("channel").asString()).isEqualTo("AUTOMATION");
        assertThat(event.path("metaData").path("causationId").asString())
                .isEqualTo(cause.path("eventIdentifier").asString());
    }

    private String contact() {
        return id(post("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Client\",\"ownerId\":\"m1\"}", null)
                .expectStatus().isCreated());
    }

    private String deal(String contactId, String ownerId) {
        return id(post("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Deal\","
                + "\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},\"ownerId\":\"" + ownerId + "\"}")
                .expectStatus().isCreated());
    }

    /** The aggregate's events in order: eventIdentifier, payload and metaData. */
    private List<JsonNode> events(String aggregateId) {
        return jdbc.queryForList("SELECT eventIdentifier, payload, metaData FROM DomainEventEntry "
                        + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", aggregateId).stream()
                .map(row -> (JsonNode) json.createObjectNode()
                        .put("eventIdentifier", (String) row.get("EVENTIDENTIFIER"))
                        .set("payload", tree(row.get("PAYLOAD")))
                        .set("metaData", tree(row.get("METADATA"))))
                .toList();
    }

    private JsonNode tree(Object bytes) {
        return json.readTree(new String((byte[]) bytes, StandardCharsets.UTF_8));
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return post(path, body, null);
    }

    private WebTestClient.ResponseSpec post(String path, String body, String ifMatch) {
        WebTestClient.RequestBodySpec spec = http.post().uri(path).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec.header("If-Match", ifMatch);
        }
        return spec.bodyValue(body).exchange();
    }

    private String id(WebTestClient.ResponseSpec response) {
        return json.readTree(response.expectBody().returnResult().getResponseBody()).path("id").asString();
    }

    private String id(WebTestClient.BodyContentSpec body) {
        return json.readTree(body.returnResult().getResponseBody()).path("id").asString();
    }
}
