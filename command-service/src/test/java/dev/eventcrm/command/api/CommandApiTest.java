package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import org.axonframework.messaging.timeout.HandlerTimeoutHandlerEnhancerDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
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
 * The command HTTP contract over a real H2 event store (publication to Kafka is covered end to end in the
 * standalone module).
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class CommandApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    ApplicationContext context;

    @Test
    void commandsRunWithoutAxonsHandlerTimeouts() {
        // each would walk the thread's stack twice per command (command-defaults.properties)
        assertThat(context.getBeansOfType(HandlerTimeoutHandlerEnhancerDefinition.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty("axon.timeout.enabled")).isEqualTo("false");
    }

    @Test
    void creatingAContactStoresOneEventWithTheAuditMetadata() {
        String contactId = createContact();

        Map<String, Object> row = jdbc.queryForMap(
                "SELECT type, sequenceNumber, payloadType, metaData FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                contactId);
        assertThat(row.get("TYPE")).isEqualTo("Contact");
        assertThat(row.get("PAYLOADTYPE")).isEqualTo("dev.eventcrm.events.contact.ContactCreated");
        JsonNode metadata = json.readTree(new String((byte[]) row.get("METADATA"), StandardCharsets.UTF_8));
        assertThat(metadata.path("actorId").asString()).isEqualTo("system");
        assertThat(metadata.path("channel").asString()).isEqualTo("API");
        assertThat(metadata.path("commandId").asString()).isNotBlank();
        assertThat(metadata.path("correlationId").asString()).isEqualTo("corr-42");
        assertThat(metadata.path("causationId").asString()).isNotBlank();
        assertThat(metadata.path("occurredAt").asString()).isNotBlank();
        assertThat(metadata.path("recordedAt").asString()).isNotBlank();
    }

    @Test
    void theActorHeaderNamesWhoActedInTheEvent() {
        String dealId = openDeal(createContact());
        post("/api/v1/deals/" + dealId + "/owner", "{\"ownerId\":\"m2\"}").header("X-Actor-Id", "u-17")
                .exchange().expectStatus().isOk();

        byte[] metadata = jdbc.queryForObject("SELECT metaData FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? AND sequenceNumber = 1", byte[].class, dealId);
        assertThat(json.readTree(new String(metadata, StandardCharsets.UTF_8)).path("actorId").asString())
                .isEqualTo("u-17");
    }

    @Test
    void aDealMovesThroughStagesAndAnswersItsVersion() {
        String dealId = openDeal(createContact());

        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(dealId).jsonPath("$.version").isEqualTo(1);
        post("/api/v1/deals/" + dealId + "/owner", "{\"ownerId\":\"m2\"}").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(2);

        List<Long> sequences = jdbc.queryForList("SELECT sequenceNumber FROM DomainEventEntry "
                + "WHERE aggregateIdentifier = ? ORDER BY globalIndex", Long.class, dealId);
        assertThat(sequences).containsExactly(0L, 1L, 2L);
    }

    @Test
    void aStaleIfMatchFailsThePrecondition() {
        String dealId = openDeal(createContact());
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}").header("If-Match", "0").exchange()
                .expectStatus().isOk();

        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"PROPOSAL\"}").header("If-Match", "\"0\"").exchange()
                .expectStatus().isEqualTo(412)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/precondition-failed");
    }

    @Test
    void movingAClosedDealIsAConflict() {
        String dealId = openDeal(createContact());
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"LOST\"}").exchange().expectStatus().isOk();

        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"WON\"}").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/deal-closed");
    }

    @Test
    void anUnknownStageIsAFieldError() {
        String dealId = openDeal(createContact());
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"SIGNED\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("stage");
    }

    @Test
    void reassigningTheCurrentOwnerIsAConflict() {
        String dealId = openDeal(createContact());
        post("/api/v1/deals/" + dealId + "/owner", "{\"ownerId\":\"m1\"}").exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/owner-unchanged");
    }

    @Test
    void anUnknownDealIsNotFound() {
        post("/api/v1/deals/" + UUID.randomUUID() + "/stage", "{\"stage\":\"QUALIFIED\"}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aDealForAnUnknownContactIsAFieldError() {
        post("/api/v1/deals", dealBody(UUID.randomUUID().toString())).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("contactId");
    }

    @Test
    void aRepeatedIdempotencyKeyReturnsTheFirstResponseAndStoresNothingMore() {
        String contactId = createContact();
        String key = UUID.randomUUID().toString();
        String first = post("/api/v1/deals", dealBody(contactId)).header("Idempotency-Key", key).exchange()
                .expectStatus().isCreated().expectBody(String.class).returnResult().getResponseBody();
        String second = post("/api/v1/deals", dealBody(contactId)).header("Idempotency-Key", key).exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json.readTree(second)).isEqualTo(json.readTree(first));
        Integer deals = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE type = 'Deal' "
                + "AND payloadType LIKE '%DealOpened' AND payload LIKE ?", Integer.class, "%" + contactId + "%");
        assertThat(deals).isEqualTo(1);
    }

    @Test
    void anIdempotencyKeyReusedWithAnotherBodyIsUnprocessable() {
        String contactId = createContact();
        String key = UUID.randomUUID().toString();
        post("/api/v1/deals", dealBody(contactId)).header("Idempotency-Key", key).exchange()
                .expectStatus().isCreated();
        post("/api/v1/deals", dealBody(contactId).replace("Fleet", "Other")).header("Idempotency-Key", key)
                .exchange()
                .expectStatus().isEqualTo(422)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/idempotency-key-reused");
    }

    /**
     * A refusal is the key's first answer too: after the deal moved on, the same request would now pass (a move back
     * to NEW), but a retry with the key gets the first refusal again and changes nothing.
     */
    @Test
    void aRefusedCommandIsItsKeysFirstAnswerEvenOnceTheCommandWouldPass() {
        String dealId = openDeal(createContact());
        String key = UUID.randomUUID().toString();
        String first = post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"NEW\"}")
                .header("Idempotency-Key", key).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentType("application/problem+json")
                .expectBody(String.class).returnResult().getResponseBody();
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}").exchange().expectStatus().isOk();

        String again = post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"NEW\"}")
                .header("Idempotency-Key", key).exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectHeader().contentType("application/problem+json")
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(json.readTree(again)).isEqualTo(json.readTree(first));
        assertThat(json.readTree(again).path("type").asString()).endsWith("/stage-unchanged");
        assertThat(jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, dealId)).as("opened and moved once").isEqualTo(1L);
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"PROPOSAL\"}").header("Idempotency-Key", key)
                .exchange().expectStatus().isEqualTo(422);
    }

    @Test
    void loggingACallChecksItsReferences() {
        String contactId = createContact();
        String dealId = openDeal(contactId);
        post("/api/v1/calls", "{\"contactId\":\"" + contactId + "\",\"dealId\":\"" + dealId
                + "\",\"direction\":\"OUTBOUND\",\"outcome\":\"CONNECTED\",\"durationSeconds\":95,"
                + "\"notes\":\"demo booked\",\"occurredAt\":\"2026-11-20T10:15:30Z\"}").exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.id").isNotEmpty();

        post("/api/v1/calls", "{\"contactId\":\"nobody\",\"direction\":\"OUTBOUND\",\"outcome\":\"BUSY\","
                + "\"durationSeconds\":0}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("contactId");
    }

    @Test
    void badInputIsAProblemNeverAServerError() {
        post("/api/v1/calls", "{\"contactId\":").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        post("/api/v1/calls", "{\"contactId\":\"c\",\"direction\":\"SIDEWAYS\",\"outcome\":\"BUSY\","
                + "\"durationSeconds\":0}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("direction");
        post("/api/v1/contacts", "{\"name\":\"\",\"ownerId\":\"m1\",\"emails\":[\"not-an-email\"]}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.length()").isEqualTo(2);
        http.post().uri("/api/v1/contacts").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange()
                .expectStatus().isEqualTo(415);
        post("/api/v1/deals/x/stage", "{\"stage\":\"WON\"}").header("If-Match", "abc").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
    }

    @Test
    void theHistoryOfAnAggregateIsItsEnvelopesInOrder() {
        String dealId = openDeal(createContact());
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"QUALIFIED\"}").exchange().expectStatus().isOk();

        http.get().uri("/api/v1/aggregates/{id}/events?fromSequence=1", dealId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.length()").isEqualTo(1)
                .jsonPath("$[0].type").isEqualTo("DealStageMoved")
                .jsonPath("$[0].aggregateType").isEqualTo("Deal")
                .jsonPath("$[0].sequence").isEqualTo(1)
                .jsonPath("$[0].payload.from").isEqualTo("NEW")
                .jsonPath("$[0].payload.to").isEqualTo("QUALIFIED")
                .jsonPath("$[0].metadata.channel").isEqualTo("API");
        http.get().uri("/api/v1/aggregates/{id}/events", dealId).exchange()
                .expectBody().jsonPath("$[0].payload.amount.value").isEqualTo("1500.00");
    }

    @Test
    void aContactsPhoneNumbersAreStoredAsTypedAndInE164() {
        byte[] body = post("/api/v1/contacts", "{\"name\":\"Anna\",\"phones\":[\"8 (912) 111-22-33\"],"
                + "\"ownerId\":\"m1\",\"timeZone\":\"Asia/Yekaterinburg\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String contactId = json.readTree(body).path("id").asString();

        http.get().uri("/api/v1/aggregates/{id}/events", contactId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].type").isEqualTo("ContactCreated")
                .jsonPath("$[0].payload.personal.phones[0]").isEqualTo("8 (912) 111-22-33")
                .jsonPath("$[0].payload.personal.phoneNumbers[0].e164").isEqualTo("+79121112233")
                .jsonPath("$[0].payload.personal.phoneNumbers[0].typed").isEqualTo("8 (912) 111-22-33")
                .jsonPath("$[0].payload.timeZone").isEqualTo("Asia/Yekaterinburg");
    }

    @Test
    void aContactGivingAKnownPhoneInAnotherFormatOrAKnownEmailInAnotherCaseIsADuplicate() {
        byte[] body = post("/api/v1/contacts", "{\"name\":\"First\",\"phones\":[\"+7 912 222 33 44\"],"
                + "\"emails\":[\"dup@example.com\"],\"ownerId\":\"m1\"}")
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        String first = json.readTree(body).path("id").asString();

        Long events = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        for (String repeat : List.of("\"phones\":[\"8 (912) 222-33-44\"]", "\"emails\":[\"DUP@Example.com\"]")) {
            post("/api/v1/contacts", "{\"name\":\"Second\"," + repeat + ",\"ownerId\":\"m1\"}").exchange()
                    .expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/duplicate-contact")
                    .jsonPath("$.existingId").isEqualTo(first);
        }
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class)).isEqualTo(events);
        post("/api/v1/contacts?allowDuplicate=yes", "{\"name\":\"Second\",\"ownerId\":\"m1\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("allowDuplicate");
        post("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Second\",\"phones\":[\"8 (912) 222-33-44\"],"
                + "\"ownerId\":\"m1\"}").exchange().expectStatus().isCreated();
    }

    @Test
    void aContactIsArchivedAndRestoredWithItsVersionsAndOnlyOnce() {
        String contactId = createContact();
        http.post().uri("/api/v1/contacts/{id}/archive", contactId).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        http.post().uri("/api/v1/contacts/{id}/archive", contactId).exchange()
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/contact-archived");
        http.post().uri("/api/v1/contacts/{id}/restore", contactId).header("If-Match", "\"0\"").exchange()
                .expectStatus().isEqualTo(412);
        http.post().uri("/api/v1/contacts/{id}/restore", contactId).header("If-Match", "\"1\"").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        post("/api/v1/contacts/" + contactId + "/archive", "{\"reason\":\"moved abroad\"}").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);

        http.get().uri("/api/v1/aggregates/{id}/events?fromSequence=1", contactId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[0].type").isEqualTo("ContactArchived")
                .jsonPath("$[0].payload.reason").isEqualTo("manual")
                .jsonPath("$[1].type").isEqualTo("ContactRestored")
                .jsonPath("$[2].payload.reason").isEqualTo("moved abroad");
    }

    @Test
    void aConditionalCommandToAMissingRecordFailsItsPreconditionEvenWithAnyVersion() {
        for (String ifMatch : List.of("*", "\"0\"")) {
            http.post().uri("/api/v1/deals/{id}/stage", "no-such-deal").contentType(MediaType.APPLICATION_JSON)
                    .header("If-Match", ifMatch).bodyValue("{\"stage\":\"QUALIFIED\"}").exchange()
                    .expectStatus().isEqualTo(412)
                    .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/precondition-failed");
        }
        post("/api/v1/deals/no-such-deal/stage", "{\"stage\":\"QUALIFIED\"}").exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void archivingADealsIdIsNotFound() {
        String dealId = openDeal(createContact());
        http.post().uri("/api/v1/contacts/{id}/archive", dealId).exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found");
    }

    private String createContact() {
        // the same person each time, created on purpose (duplicate detection is tested on its own)
        byte[] body = post("/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Anna Petrova\",\"phones\":[\"+7 912 345-67-89\"],"
                + "\"emails\":[\"anna@example.com\"],\"city\":\"Yekaterinburg\",\"country\":\"RU\","
                + "\"source\":\"web\",\"ownerId\":\"m1\"}")
                .header("X-Correlation-Id", "corr-42")
                .exchange().expectStatus().isCreated()
                .expectBody().jsonPath("$.version").isEqualTo(0).returnResult().getResponseBody();
        return json.readTree(body).path("id").asString();
    }

    private String openDeal(String contactId) {
        byte[] body = post("/api/v1/deals", dealBody(contactId)).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        return json.readTree(body).path("id").asString();
    }

    private static String dealBody(String contactId) {
        return "{\"contactId\":\"" + contactId + "\",\"title\":\"Fleet renewal\","
                + "\"amount\":{\"value\":\"1500.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\",\"source\":\"web\"}";
    }

    private WebTestClient.RequestHeadersSpec<?> post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }
}
