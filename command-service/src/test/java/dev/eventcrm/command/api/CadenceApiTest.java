package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The unanswered-call cadence over HTTP and a real H2 event store: a Moscow manager calls a Vladivostok client five
 * times without an answer (on Monday 2025-03-03, Moscow time). The client has an open deal, a won one, and the open
 * deal of a duplicate merged into them.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class CadenceApiTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;
    @Autowired
    @Qualifier("ownershipBackfill")
    ApplicationRunner ownershipBackfill;

    record StoredEvent(String id, String aggregateId, String type, JsonNode payload, JsonNode metaData) {
    }

    @Test
    void fiveUnansweredCallsFollowUpFourTimesInBothDaysThenArchiveTheContactAndLoseItsDeal() throws Exception {
        String manager = "cadence-" + UUID.randomUUID().toString().substring(0, 8);
        post("/api/v1/users", "{\"id\":\"" + manager + "\",\"displayName\":\"Anna\",\"role\":\"manager\","
                + "\"timeZone\":\"Europe/Moscow\",\"workingHours\":{\"days\":[\"MON\",\"TUE\",\"WED\",\"THU\","
                + "\"FRI\"],\"from\":\"09:00\",\"to\":\"18:00\"}}");
        String contactId = id(post("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Far Client\",\"ownerId\":\""
                + manager + "\",\"timeZone\":\"Asia/Vladivostok\"}"));
        String dealId = deal(contactId, manager);
        String wonDealId = deal(contactId, manager);
        send("/api/v1/deals/" + wonDealId + "/stage", "{\"stage\":\"WON\"}");
        // a duplicate's deal becomes the client's when the duplicate is merged into it
        String duplicateId = id(post("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Far Client (2)\","
                + "\"ownerId\":\"" + manager + "\"}"));
        String duplicatesDealId = deal(duplicateId, manager);
        send("/api/v1/contacts/" + contactId + "/merge", "{\"duplicateId\":\"" + duplicateId + "\"}");
        // as if opened before deals recorded their contact: the start-up backfill finds it from the deal's events
        jdbc.update("UPDATE record_owner SET contact_id = NULL WHERE record_id = ?", dealId);
        ownershipBackfill.run(null);
        assertThat(jdbc.queryForObject("SELECT contact_id FROM record_owner WHERE record_id = ?", String.class,
                dealId)).isEqualTo(contactId);

        // a call that is no miss starts no cadence: no saga is stored
        post("/api/v1/calls", "{\"contactId\":\"" + contactId + "\",\"direction\":\"OUTBOUND\",\"outcome\":"
                + "\"VOICEMAIL\",\"durationSeconds\":20,\"occurredAt\":\"" + moscow("2025-03-03T09:30") + "\"}");
        assertThat(cadences(contactId)).isZero();

        List<String> callIds = new ArrayList<>();
        String[] outcomes = {"NO_ANSWER", "BUSY", "UNREACHABLE", "NO_ANSWER", "BUSY"};
        String[] times = {"10:00", "10:20", "11:30", "16:00", "16:30"};
        for (int i = 0; i < outcomes.length; i++) {
            callIds.add(id(post("/api/v1/calls", "{\"contactId\":\"" + contactId + "\",\"direction\":\"OUTBOUND\","
                    + "\"outcome\":\"" + outcomes[i] + "\",\"durationSeconds\":0,\"occurredAt\":\""
                    + moscow("2025-03-03T" + times[i]) + "\"}")));
            // the streak is stored between calls until the last one ends it
            assertThat(cadences(contactId)).isEqualTo(i < outcomes.length - 1 ? 1 : 0);
        }

        List<StoredEvent> calls = callIds.stream().map(callId -> events(callId).get(0)).toList();
        List<String> followUps = List.of(1, 2, 3, 4).stream().map(n -> callIds.get(0) + "-followup-" + n).toList();
        // +10 min and +1 h fall in both days; 14:30 and Tuesday 16:00 Moscow time are past 20:00 in Vladivostok,
        // whose day overlaps the manager's from 09:00 Moscow time
        assertThat(followUps.stream().map(taskId -> events(taskId).get(0).payload().path("dueAt").asString()))
                .containsExactly(moscow("2025-03-03T10:10"), moscow("2025-03-03T11:20"),
                        moscow("2025-03-04T09:00"), moscow("2025-03-05T09:00"));
        for (int n = 0; n < 4; n++) {
            List<StoredEvent> task = events(followUps.get(n));
            assertThat(task).extracting(StoredEvent::type).containsExactly("TaskCreated", "TaskCompleted");
            assertThat(task.get(0).payload().path("assigneeId").asString()).isEqualTo(manager);
            assertThat(task.get(0).payload().path("type").asString()).isEqualTo("CALL");
            assertCausedBy(task.get(0), calls.get(n));
            assertCausedBy(task.get(1), calls.get(n + 1));
        }

        StoredEvent archived = last(events(contactId));
        assertThat(archived.type()).isEqualTo("ContactArchived");
        assertThat(archived.payload().path("reason").asString()).isEqualTo("unreachable");
        assertCausedBy(archived, calls.get(4));

        for (String lostDealId : List.of(dealId, duplicatesDealId)) {
            StoredEvent lost = last(events(lostDealId));
            assertThat(lost.type()).isEqualTo("DealStageMoved");
            assertThat(lost.payload().path("to").asString()).isEqualTo("LOST");
            assertThat(lost.payload().path("lossReason").asString()).isEqualTo("unreachable");
            assertCausedBy(lost, calls.get(4));
            assertThat(jdbc.queryForObject("SELECT active FROM record_owner WHERE record_id = ?", Boolean.class,
                    lostDealId)).isFalse();
        }
        assertThat(last(events(wonDealId)).payload().path("to").asString()).isEqualTo("WON");
    }

    private int cadences(String contactId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM AssociationValueEntry WHERE associationKey = 'contactId' "
                + "AND associationValue = ?", Integer.class, contactId);
    }

    private static void assertCausedBy(StoredEvent event, StoredEvent call) {
        assertThat(call.type()).isEqualTo("CallLogged");
        assertThat(event.metaData().path("channel").asString()).isEqualTo("AUTOMATION");
        assertThat(event.metaData().path("actorId").asString()).isEqualTo("automation");
        assertThat(event.metaData().path("causationId").asString()).isEqualTo(call.id());
    }

    private static StoredEvent last(List<StoredEvent> events) {
        return events.get(events.size() - 1);
    }

    private List<StoredEvent> events(String aggregateId) {
        return jdbc.query("SELECT eventIdentifier, payloadType, payload, metaData FROM DomainEventEntry "
                        + "WHERE aggregateIdentifier = ? ORDER BY sequenceNumber",
                (row, i) -> new StoredEvent(row.getString(1), aggregateId,
                        row.getString(2).substring(row.getString(2).lastIndexOf('.') + 1),
                        json.readTree(new String(row.getBytes(3), StandardCharsets.UTF_8)),
                        json.readTree(new String(row.getBytes(4), StandardCharsets.UTF_8))),
                aggregateId);
    }

    private static String moscow(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MOSCOW).toInstant().toString();
    }

    private String post(String path, String body) {
        byte[] answer = http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return new String(answer, StandardCharsets.UTF_8);
    }

    private String deal(String contactId, String ownerId) {
        return id(post("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Fleet\","
                + "\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},\"ownerId\":\"" + ownerId + "\"}"));
    }

    private void send(String path, String body) {
        http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isOk();
    }

    private String id(String answer) {
        return json.readTree(answer).path("id").asString();
    }
}
