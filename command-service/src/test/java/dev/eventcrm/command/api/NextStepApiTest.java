package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealStageMoved;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
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

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * "Every open deal always has exactly one open next-step task" over HTTP and a real H2 event store: the automatic
 * default, supersede and cancel (channel AUTOMATION, caused by the triggering event, in its transaction) and the 409s.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class NextStepApiTest {

    private static final String PROBLEMS = "https://eventcrm.dev/problems/";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    EventStorageEngine storage;
    @Autowired
    TransactionManager transactions;
    @Autowired
    Map<String, ApplicationRunner> runners;

    record Stored(String eventId, String type, JsonNode payload, JsonNode metadata) {
    }

    @Test
    void anOpenedDealGetsADefaultNextStepForItsOwnerFromAutomation() {
        Instant before = Instant.now();
        String dealId = deal(contact(), "m1");

        String taskId = currentNextStep(dealId);
        List<Stored> task = events(taskId);
        assertThat(task).hasSize(1);
        assertThat(task.get(0).payload().path("nextStep").asBoolean()).isTrue();
        assertThat(task.get(0).payload().path("dealId").asString()).isEqualTo(dealId);
        assertThat(task.get(0).payload().path("assigneeId").asString()).isEqualTo("m1");
        assertThat(task.get(0).payload().path("type").asString()).isEqualTo("OTHER");
        assertThat(task.get(0).payload().path("note").asString()).isEqualTo("Plan the next step");
        assertThat(Instant.parse(task.get(0).payload().path("dueAt").asString()))
                .isCloseTo(before.plus(Duration.ofDays(1)), within(Duration.ofMinutes(1)));
        assertAutomatedBy(task.get(0), events(dealId).get(0));
    }

    @Test
    void aNewNextStepCompletesThePreviousOneInItsTransaction() {
        String dealId = deal(contact(), "m1");
        String first = currentNextStep(dealId);

        String second = id(post("/api/v1/tasks", nextStep(dealId, "m1")).expectStatus().isCreated());

        assertThat(currentNextStep(dealId)).isEqualTo(second);
        List<Stored> superseded = events(first);
        assertThat(superseded).hasSize(2);
        assertThat(superseded.get(1).type()).endsWith("TaskCompleted");
        assertThat(superseded.get(1).payload().path("result").asString()).isEqualTo("superseded by " + second);
        assertAutomatedBy(superseded.get(1), events(second).get(0));
        assertThat(events(second).get(0).metadata().path("channel").asString()).isEqualTo("API");
        post("/api/v1/tasks/" + first + "/complete", "{}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "task-closed");
    }

    @Test
    void theLastNextStepOfAnOpenDealCannotBeCompletedOrCancelled() {
        String dealId = deal(contact(), "m1");
        String taskId = currentNextStep(dealId);

        for (String change : List.of("complete", "cancel")) {
            post("/api/v1/tasks/" + taskId + "/" + change, "{}").expectStatus().isEqualTo(409)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo(PROBLEMS + "last-next-step")
                    .jsonPath("$.dealId").isEqualTo(dealId)
                    .jsonPath("$.detail").value(detail -> assertThat((String) detail)
                            .contains("create the deal's next step first"));
        }
        assertThat(events(taskId)).hasSize(1);
    }

    @Test
    void winningOrLosingCancelsTheNextStepAndAClosedDealTakesNoNewOne() {
        String won = deal(contact(), "m1");
        String wonStep = currentNextStep(won);
        post("/api/v1/deals/" + won + "/stage", "{\"stage\":\"WON\"}").expectStatus().isOk();
        Stored cancelled = events(wonStep).get(1);
        assertThat(cancelled.type()).endsWith("TaskCancelled");
        assertThat(cancelled.payload().path("reason").asString()).isEqualTo("deal won");
        assertAutomatedBy(cancelled, events(won).get(1));
        assertThat(currentNextStep(won)).isNull();

        String lost = deal(contact(), "m1");
        String lostStep = currentNextStep(lost);
        post("/api/v1/deals/" + lost + "/stage", "{\"stage\":\"LOST\",\"lossReason\":\"price\"}")
                .expectStatus().isOk();
        assertThat(events(lostStep).get(1).payload().path("reason").asString()).isEqualTo("deal lost");

        post("/api/v1/tasks", nextStep(won, "m1")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "deal-not-open")
                .jsonPath("$.field").isEqualTo("dealId");
        post("/api/v1/tasks", "{\"type\":\"CALL\",\"dueAt\":\"2026-12-01T09:00:00Z\",\"assigneeId\":\"m1\","
                + "\"contactId\":\"" + contact() + "\",\"nextStep\":true}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dealId");
    }

    @Test
    void aReopenedDealGetsANewDefaultNextStep() {
        String dealId = deal(contact(), "m1");
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"WON\"}").expectStatus().isOk();
        post("/api/v1/deals/" + dealId + "/owner", "{\"ownerId\":\"m2\"}").expectStatus().isOk();
        assertThat(currentNextStep(dealId)).as("a closed deal changing hands gets none").isNull();

        post("/api/v1/deals/" + dealId + "/reopen", "{}").expectStatus().isOk();

        String taskId = currentNextStep(dealId);
        assertThat(taskId).isNotNull();
        Stored created = events(taskId).get(0);
        assertThat(created.payload().path("assigneeId").asString()).isEqualTo("m2");
        List<Stored> deal = events(dealId);
        assertAutomatedBy(created, deal.get(deal.size() - 1));
    }

    @Test
    void theNextStepFollowsTheDealToItsNewOwnerUnlessSomeoneElseHasIt() {
        String dealId = deal(contact(), "m1");
        String taskId = currentNextStep(dealId);
        post("/api/v1/deals/" + dealId + "/owner", "{\"ownerId\":\"m2\"}").expectStatus().isOk();
        Stored reassigned = events(taskId).get(1);
        assertThat(reassigned.payload().path("previousAssigneeId").asString()).isEqualTo("m1");
        assertThat(reassigned.payload().path("assigneeId").asString()).isEqualTo("m2");
        List<Stored> deal = events(dealId);
        assertAutomatedBy(reassigned, deal.get(deal.size() - 1));

        String assistants = id(post("/api/v1/tasks", nextStep(dealId, "assistant")).expectStatus().isCreated());
        post("/api/v1/deals/" + dealId + "/owner", "{\"ownerId\":\"m3\"}").expectStatus().isOk();
        assertThat(events(assistants)).as("a next step someone else was given stays theirs").hasSize(1);
        assertThat(currentNextStep(dealId)).isEqualTo(assistants);
    }

    @Test
    void aPortfolioHandOverMovesEachNextStepOnceWithItsDeal() {
        String leaver = "leaver-" + UUID.randomUUID();
        String successor = "successor-" + UUID.randomUUID();
        String dealId = deal(contact(), leaver);
        String taskId = currentNextStep(dealId);

        JsonNode moved = json.readTree(post("/api/v1/portfolio-transfers", "{\"fromOwnerId\":\"" + leaver
                + "\",\"toOwnerId\":\"" + successor + "\"}").expectStatus().isOk().expectBody().returnResult()
                .getResponseBody());

        assertThat(moved.path("deals").asInt()).isEqualTo(1);
        assertThat(moved.path("tasks").asInt()).as("moved by automation with its deal, not again").isZero();
        List<Stored> task = events(taskId);
        assertThat(task).hasSize(2);
        assertThat(task.get(1).payload().path("assigneeId").asString()).isEqualTo(successor);
        assertThat(task.get(1).metadata().path("correlationId").asString())
                .isEqualTo(moved.path("correlationId").asString());
    }

    @Test
    void dealsOpenedBeforeNextStepsGetOneDefaultNextStepFromTheBackfillHoweverOftenItRuns() throws Exception {
        String contactId = contact();
        String open = "early-" + UUID.randomUUID();
        String lost = "early-" + UUID.randomUUID();
        storedBeforeNextSteps(open, new DealOpened(open, contactId, "Old deal", new Money(new BigDecimal("5.00"),
                "EUR"), "early-owner", "web", "default", "NEW"));
        storedBeforeNextSteps(lost, new DealOpened(lost, contactId, "Old lost deal", new Money(new BigDecimal("5.00"),
                "EUR"), "early-owner", "web", "default", "NEW"), new DealStageMoved(lost, "NEW", "LOST"));
        post("/api/v1/tasks", nextStep(open, "m1")).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo(PROBLEMS + "next-step-not-yet-recorded");

        for (int run = 0; run < 2; run++) {
            runners.get("nextStepBackfill").run(new DefaultApplicationArguments());
        }

        List<String> created = jdbc.queryForList("SELECT aggregateIdentifier FROM DomainEventEntry WHERE payloadType "
                + "= 'dev.eventcrm.events.task.TaskCreated'", String.class).stream()
                .filter(taskId -> events(taskId).get(0).payload().path("dealId").asString().equals(open)).toList();
        assertThat(created).hasSize(1).containsExactly(currentNextStep(open));
        Stored task = events(created.get(0)).get(0);
        assertThat(task.payload().path("nextStep").asBoolean()).isTrue();
        assertThat(task.payload().path("assigneeId").asString()).isEqualTo("early-owner");
        assertAutomatedBy(task, events(open).get(0));
        assertThat(jdbc.queryForMap("SELECT deal_open, task_id FROM deal_next_step WHERE deal_id = ?", lost))
                .containsEntry("DEAL_OPEN", false).containsEntry("TASK_ID", null);
    }

    /** Events appended as before next steps existed: straight to storage, so no automation saw them. */
    private void storedBeforeNextSteps(String dealId, Object... events) {
        transactions.executeInTransaction(() -> {
            for (int sequence = 0; sequence < events.length; sequence++) {
                storage.appendEvents(new GenericDomainEventMessage<>("Deal", dealId, sequence, events[sequence],
                        Map.of("correlationId", "early", "channel", "API")));
            }
            jdbc.update("INSERT INTO aggregate_lookup (aggregate_id, aggregate_type) VALUES (?, 'Deal')", dealId);
        });
    }

    private void assertAutomatedBy(Stored reaction, Stored cause) {
        assertThat(reaction.metadata().path("channel").asString()).isEqualTo("AUTOMATION");
        assertThat(reaction.metadata().path("actorId").asString()).isEqualTo("automation");
        assertThat(reaction.metadata().path("causationId").asString()).isEqualTo(cause.eventId());
    }

    private String currentNextStep(String dealId) {
        return jdbc.queryForObject("SELECT task_id FROM deal_next_step WHERE deal_id = ?", String.class, dealId);
    }

    private List<Stored> events(String aggregateId) {
        return jdbc.query("SELECT eventIdentifier, payloadType, payload, metaData FROM DomainEventEntry "
                        + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                (row, i) -> new Stored(row.getString(1), row.getString(2),
                        json.readTree(new String(row.getBytes(3), StandardCharsets.UTF_8)),
                        json.readTree(new String(row.getBytes(4), StandardCharsets.UTF_8))), aggregateId);
    }

    private static String nextStep(String dealId, String assigneeId) {
        return "{\"type\":\"CALL\",\"dueAt\":\"2026-12-01T09:00:00Z\",\"assigneeId\":\"" + assigneeId
                + "\",\"dealId\":\"" + dealId + "\",\"note\":\"agree the pilot\",\"nextStep\":true}";
    }

    private String contact() {
        return id(post("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Client\",\"ownerId\":\"m1\"}")
                .expectStatus().isCreated());
    }

    private String deal(String contactId, String ownerId) {
        return id(post("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Deal\","
                + "\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},\"ownerId\":\"" + ownerId + "\"}")
                .expectStatus().isCreated());
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private String id(WebTestClient.ResponseSpec response) {
        return json.readTree(response.expectBody().returnResult().getResponseBody()).path("id").asString();
    }
}
