package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
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

/** Tasks over HTTP and a real H2 event store: create, reschedule, reassign, complete, cancel and their refusals. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class TaskApiTest {

    private static final String DUE = "2026-11-25T09:00:00Z";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aTaskIsCreatedRescheduledReassignedAndCompletedThenStaysClosed() {
        String contactId = contact();
        String dealId = deal(contactId);
        String taskId = id(post("/api/v1/tasks", task("\"contactId\":\"" + contactId + "\",\"dealId\":\"" + dealId
                + "\",\"note\":\"ask about the fleet\"")).expectStatus().isCreated().expectBody()
                .jsonPath("$.version").isEqualTo(0));
        assertThat(owner(taskId)).containsEntry("OWNER_ID", "m1").containsEntry("ACTIVE", true)
                .containsEntry("RECORD_TYPE", "Task");

        post("/api/v1/tasks/" + taskId + "/reschedule", "{\"dueAt\":\"2026-11-25T15:00:00+03:00\"}", "\"0\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        post("/api/v1/tasks/" + taskId + "/reschedule", "{\"dueAt\":\"2026-11-25T12:00:00Z\"}", null)
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/due-unchanged");
        post("/api/v1/tasks/" + taskId + "/assignee", "{\"assigneeId\":\"m2\"}", "\"1\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        assertThat(owner(taskId)).containsEntry("OWNER_ID", "m2");
        post("/api/v1/tasks/" + taskId + "/complete", "{\"result\":\"demo booked\"}", "\"1\"")
                .expectStatus().isEqualTo(412);
        post("/api/v1/tasks/" + taskId + "/complete", "{\"result\":\"demo booked\"}", "\"2\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);
        assertThat(owner(taskId)).containsEntry("ACTIVE", false);

        for (String[] change : List.of(new String[]{"reschedule", "{\"dueAt\":\"2026-12-01T09:00:00Z\"}"},
                new String[]{"complete", "{}"}, new String[]{"cancel", "{\"reason\":\"late\"}"},
                new String[]{"assignee", "{\"assigneeId\":\"m3\"}"})) {
            post("/api/v1/tasks/" + taskId + "/" + change[0], change[1], null).expectStatus().isEqualTo(409)
                    .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/task-closed");
        }

        List<JsonNode> events = payloads(taskId);
        assertThat(events).hasSize(4);
        assertThat(events.get(0).path("type").asString()).isEqualTo("CALL");
        assertThat(events.get(0).path("dueAt").asString()).isEqualTo(DUE);
        assertThat(events.get(0).path("dealId").asString()).isEqualTo(dealId);
        assertThat(events.get(1).path("previousDueAt").asString()).isEqualTo(DUE);
        assertThat(events.get(1).path("dueAt").asString()).isEqualTo("2026-11-25T12:00:00Z");
        assertThat(events.get(2).path("previousAssigneeId").asString()).isEqualTo("m1");
        assertThat(events.get(3).path("result").asString()).isEqualTo("demo booked");
    }

    @Test
    void cancellingNeedsNoBody() {
        String taskId = id(post("/api/v1/tasks", task("\"contactId\":\"" + contact() + "\""))
                .expectStatus().isCreated());
        http.post().uri("/api/v1/tasks/" + taskId + "/cancel").exchange().expectStatus().isOk();
        assertThat(payloads(taskId).get(1).path("reason").isNull()).isTrue();
    }

    @Test
    void aTaskAboutAMergedContactNamesTheSurvivor() {
        String survivor = contact();
        String duplicate = contact();
        post("/api/v1/contacts/" + survivor + "/merge", "{\"duplicateId\":\"" + duplicate + "\"}", null)
                .expectStatus().isOk();
        String taskId = id(post("/api/v1/tasks", task("\"contactId\":\"" + duplicate + "\""))
                .expectStatus().isCreated());
        assertThat(payloads(taskId).get(0).path("contactId").asString()).isEqualTo(survivor);
    }

    @Test
    void refusalsNameTheField() {
        String contactId = contact();
        Map<String, String> bodies = Map.of(
                "contactId", task(""),
                "dealId", task("\"dealId\":\"" + contactId + "\""),
                "type", "{\"type\":\"VISIT\",\"dueAt\":\"" + DUE + "\",\"assigneeId\":\"m1\",\"contactId\":\""
                        + contactId + "\"}",
                "dueAt", "{\"type\":\"CALL\",\"dueAt\":\"tomorrow\",\"assigneeId\":\"m1\",\"contactId\":\""
                        + contactId + "\"}",
                "assigneeId", "{\"type\":\"CALL\",\"dueAt\":\"" + DUE + "\",\"contactId\":\"" + contactId + "\"}");
        bodies.forEach((field, body) -> post("/api/v1/tasks", body).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
        post("/api/v1/tasks", task("\"contactId\":\"nobody-" + UUID.randomUUID() + "\"")).expectStatus()
                .isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("contactId");

        String taskId = id(post("/api/v1/tasks", task("\"contactId\":\"" + contactId + "\""))
                .expectStatus().isCreated());
        post("/api/v1/tasks/" + taskId + "/reschedule", "{}", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dueAt");
        post("/api/v1/tasks/" + taskId + "/assignee", "{\"assigneeId\":\" \"}", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("assigneeId");
        assertThat(payloads(taskId)).hasSize(1);
    }

    @Test
    void anUnknownTaskIsNotFoundAndAContactsIdIsNoTask() {
        post("/api/v1/tasks/nobody/complete", "{}", null).expectStatus().isNotFound();
        post("/api/v1/tasks/" + contact() + "/reschedule", "{\"dueAt\":\"" + DUE + "\"}", null)
                .expectStatus().isNotFound();
        post("/api/v1/tasks/nobody/cancel", "{}", "\"0\"").expectStatus().isEqualTo(412);
    }

    private String task(String subject) {
        return "{\"type\":\"CALL\",\"dueAt\":\"" + DUE + "\",\"assigneeId\":\"m1\"" + (subject.isEmpty() ? "" : ",")
                + subject + "}";
    }

    private Map<String, Object> owner(String recordId) {
        return jdbc.queryForMap("SELECT record_type, owner_id, active FROM record_owner WHERE record_id = ?",
                recordId);
    }

    private String contact() {
        return id(post("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Client\",\"ownerId\":\"m1\"}")
                .expectStatus().isCreated());
    }

    private String deal(String contactId) {
        return id(post("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Deal\","
                + "\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}").expectStatus()
                .isCreated());
    }

    private List<JsonNode> payloads(String aggregateId) {
        return jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber", byte[].class, aggregateId).stream()
                .map(payload -> json.readTree(new String(payload, StandardCharsets.UTF_8))).toList();
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
