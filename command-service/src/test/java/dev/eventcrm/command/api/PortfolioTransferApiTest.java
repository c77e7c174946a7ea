package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
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

/** A manager leaving: the hand-over of open deals, contacts and tasks, retried, over HTTP and a real H2 event store. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class PortfolioTransferApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    Map<String, ApplicationRunner> runners;

    @Test
    void aLeavingManagersOpenDealsAndContactsMoveOnceUnderOneCorrelationIdEvenWhenRetried() {
        String leaver = "leaver-" + UUID.randomUUID();
        String successor = "successor-" + UUID.randomUUID();
        String anna = contact(leaver);
        String boris = contact(leaver);
        String open = deal(anna, leaver);
        String won = deal(boris, leaver);
        post("/api/v1/deals/" + won + "/stage", "{\"stage\":\"WON\"}").expectStatus().isOk();
        String othersDeal = deal(anna, "someone-else");
        String openTask = task("contactId", anna, leaver);
        String rescheduledTask = task("dealId", open, leaver);
        post("/api/v1/tasks/" + rescheduledTask + "/reschedule", "{\"dueAt\":\"2026-12-02T09:00:00Z\"}")
                .expectStatus().isOk();
        String doneTask = task("contactId", anna, leaver);
        post("/api/v1/tasks/" + doneTask + "/complete", "{\"result\":\"called\"}").expectStatus().isOk();
        String cancelledTask = task("contactId", anna, leaver);
        post("/api/v1/tasks/" + cancelledTask + "/cancel", "{}").expectStatus().isOk();
        String othersTask = task("contactId", boris, "someone-else");

        JsonNode first = answer(post("/api/v1/portfolio-transfers",
                "{\"fromOwnerId\":\"" + leaver + "\",\"toOwnerId\":\"" + successor + "\"}").expectStatus().isOk());
        assertThat(first.path("deals").asInt()).isEqualTo(1);
        assertThat(first.path("contacts").asInt()).isEqualTo(2);
        assertThat(first.path("tasks").asInt()).isEqualTo(2);

        for (int retry = 0; retry < 2; retry++) {
            JsonNode again = answer(post("/api/v1/portfolio-transfers",
                    "{\"fromOwnerId\":\"" + leaver + "\",\"toOwnerId\":\"" + successor + "\"}").expectStatus().isOk());
            assertThat(again.path("deals").asInt() + again.path("contacts").asInt() + again.path("tasks").asInt())
                    .isZero();
        }

        List<String> correlationIds = jdbc.queryForList("SELECT metaData FROM DomainEventEntry WHERE payloadType IN "
                        + "('dev.eventcrm.events.deal.DealOwnerAssigned', 'dev.eventcrm.events.contact.ContactOwnerAssigned') "
                        + "AND aggregateIdentifier IN (?, ?, ?, ?, ?)", byte[].class, anna, boris, open, won, othersDeal)
                .stream().map(metadata -> json.readTree(new String(metadata, StandardCharsets.UTF_8))
                        .path("correlationId").asString()).toList();
        assertThat(correlationIds).hasSize(3).containsOnly(first.path("correlationId").asString());
        assertThat(ownerOf(open)).isEqualTo(successor);
        assertThat(ownerOf(won)).as("a won deal stays with who won it").isEqualTo(leaver);
        assertThat(ownerOf(othersDeal)).isEqualTo("someone-else");

        List<JsonNode> reassigned = jdbc.queryForList("SELECT metaData FROM DomainEventEntry WHERE payloadType = "
                        + "'dev.eventcrm.events.task.TaskReassigned' AND aggregateIdentifier IN (?, ?, ?, ?, ?)",
                byte[].class, openTask, rescheduledTask, doneTask, cancelledTask, othersTask).stream()
                .map(metadata -> json.readTree(new String(metadata, StandardCharsets.UTF_8))).toList();
        assertThat(reassigned).hasSize(2).allSatisfy(metadata -> assertThat(metadata.path("correlationId")
                .asString()).isEqualTo(first.path("correlationId").asString()));
        assertThat(ownerOf(openTask)).isEqualTo(successor);
        assertThat(ownerOf(rescheduledTask)).isEqualTo(successor);
        assertThat(ownerOf(doneTask)).as("a completed task stays with who did it").isEqualTo(leaver);
        assertThat(ownerOf(cancelledTask)).isEqualTo(leaver);
        assertThat(ownerOf(othersTask)).isEqualTo("someone-else");
    }

    @Test
    void recordsCreatedBeforeOwnersWereKeptAreFoundAfterTheBackfill() throws Exception {
        String owner = "early-" + UUID.randomUUID();
        String contactId = contact(owner);
        String dealId = deal(contactId, owner);
        jdbc.update("DELETE FROM record_owner WHERE record_id IN (?, ?)", contactId, dealId);

        runners.get("ownershipBackfill").run(new DefaultApplicationArguments());

        assertThat(ownerOf(contactId)).isEqualTo(owner);
        assertThat(ownerOf(dealId)).isEqualTo(owner);
        assertThat(jdbc.queryForObject("SELECT active FROM record_owner WHERE record_id = ?", Boolean.class, dealId))
                .isTrue();
    }

    @Test
    void aHandOverToTheSameManagerIsAFieldError() {
        post("/api/v1/portfolio-transfers", "{\"fromOwnerId\":\"m1\",\"toOwnerId\":\"m1\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("toOwnerId");
        post("/api/v1/portfolio-transfers", "{\"fromOwnerId\":\"m1\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("toOwnerId");
    }

    private String ownerOf(String recordId) {
        return jdbc.queryForObject("SELECT owner_id FROM record_owner WHERE record_id = ?", String.class, recordId);
    }

    private String contact(String ownerId) {
        return answer(post("/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Client\",\"ownerId\":\"" + ownerId + "\"}").expectStatus().isCreated()).path("id")
                .asString();
    }

    /** @param subject contactId or dealId */
    private String task(String subject, String subjectId, String assigneeId) {
        return answer(post("/api/v1/tasks", "{\"type\":\"CALL\",\"dueAt\":\"2026-12-01T09:00:00Z\","
                + "\"assigneeId\":\"" + assigneeId + "\",\"" + subject + "\":\"" + subjectId + "\"}")
                .expectStatus().isCreated()).path("id").asString();
    }

    private String deal(String contactId, String ownerId) {
        return answer(post("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Deal\","
                + "\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},\"ownerId\":\"" + ownerId + "\"}")
                .expectStatus().isCreated()).path("id").asString();
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private JsonNode answer(WebTestClient.ResponseSpec response) {
        return json.readTree(response.expectBody().returnResult().getResponseBody());
    }
}
