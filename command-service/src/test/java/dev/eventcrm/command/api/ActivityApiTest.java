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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Meetings, e-mails and notes over HTTP and a real H2 event store. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class ActivityApiTest {

    private static final String AT = "2026-11-20T10:15:30Z";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void eachActivityIsStoredUnderItsOwnIdAndAnsweredLikeACall() {
        String contactId = contact();
        String dealId = deal(contactId);

        JsonNode meeting = created(post("/api/v1/meetings", "{\"contactId\":\"" + contactId + "\",\"dealId\":\""
                + dealId + "\",\"occurredAt\":\"" + AT + "\",\"subject\":\"Demo\",\"result\":\"pilot agreed\"}"));
        assertThat(meeting.path("version").asInt()).isZero();
        assertThat(meeting.path("contactId").asString()).isEqualTo(contactId);
        assertThat(meeting.path("dealId").asString()).isEqualTo(dealId);
        JsonNode meetingEvent = stored(meeting.path("id").asString(), "Meeting", "MeetingLogged");
        assertThat(meetingEvent.path("subject").asString()).isEqualTo("Demo");
        assertThat(meetingEvent.path("result").asString()).isEqualTo("pilot agreed");
        assertThat(meetingEvent.path("occurredAt").asString()).isEqualTo(AT);

        JsonNode email = created(post("/api/v1/emails", "{\"contactId\":\"" + contactId
                + "\",\"direction\":\"INBOUND\",\"subject\":\"Re: offer\",\"occurredAt\":\"" + AT + "\"}"));
        assertThat(email.has("dealId")).isFalse();
        JsonNode emailEvent = stored(email.path("id").asString(), "Email", "EmailLogged");
        assertThat(emailEvent.path("direction").asString()).isEqualTo("INBOUND");
        assertThat(emailEvent.path("dealId").isNull()).isTrue();

        JsonNode note = created(post("/api/v1/notes", "{\"contactId\":\"" + contactId + "\",\"dealId\":\"" + dealId
                + "\",\"text\":\"prefers calls after 16:00\"}"));
        assertThat(stored(note.path("id").asString(), "Note", "NoteAdded").path("text").asString())
                .isEqualTo("prefers calls after 16:00");
    }

    @Test
    void badActivitiesAreFieldErrorsThatStoreNothing() {
        String contactId = contact();
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        String meeting = "{\"contactId\":\"" + contactId + "\",\"occurredAt\":\"" + AT
                + "\",\"subject\":\"Demo\",\"result\":\"ok\"}";
        String email = "{\"contactId\":\"" + contactId + "\",\"direction\":\"OUTBOUND\",\"subject\":\"Offer\","
                + "\"occurredAt\":\"" + AT + "\"}";
        String note = "{\"contactId\":\"" + contactId + "\",\"text\":\"hello\"}";
        long before = events();
        for (String[] bad : new String[][]{
                {"/api/v1/meetings", meeting.replace(AT, future), "occurredAt"},
                {"/api/v1/meetings", meeting.replace(",\"occurredAt\":\"" + AT + "\"", ""), "occurredAt"},
                {"/api/v1/meetings", meeting.replace("\"result\":\"ok\"", "\"result\":\" \""), "result"},
                {"/api/v1/meetings", meeting.replace("\"Demo\"", "\"" + "x".repeat(501) + "\""), "subject"},
                {"/api/v1/meetings", meeting.replace(contactId, "nobody"), "contactId"},
                {"/api/v1/meetings", meeting.replace("{", "{\"dealId\":\"" + contactId + "\","), "dealId"},
                {"/api/v1/emails", email.replace(AT, future), "occurredAt"},
                {"/api/v1/emails", email.replace("OUTBOUND", "SIDEWAYS"), "direction"},
                {"/api/v1/emails", email.replace("{", "{\"dealId\":\"nope\","), "dealId"},
                {"/api/v1/emails", email.replace(contactId, "nobody"), "contactId"},
                {"/api/v1/notes", note.replace("hello", "x".repeat(10001)), "text"},
                {"/api/v1/notes", note.replace(contactId, "nobody"), "contactId"},
                {"/api/v1/notes", note.replace("{", "{\"dealId\":\"" + contactId + "\","), "dealId"}}) {
            post(bad[0], bad[1]).expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[2]);
        }
        // strict JSON: an unknown member is refused, not ignored
        post("/api/v1/notes", note.replace("{", "{\"occurredAt\":\"" + AT + "\",")).expectStatus().isBadRequest();
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void anActivityNamingAMergedContactIsStoredOnTheSurvivor() {
        String survivor = contact();
        String duplicate = contact();
        post("/api/v1/contacts/" + survivor + "/merge", "{\"duplicateId\":\"" + duplicate + "\"}")
                .expectStatus().isOk();
        JsonNode note = created(post("/api/v1/notes", "{\"contactId\":\"" + duplicate + "\",\"text\":\"hi\"}"));
        assertThat(stored(note.path("id").asString(), "Note", "NoteAdded").path("contactId").asString())
                .isEqualTo(survivor);
    }

    private String contact() {
        return created(post("/api/v1/contacts?allowDuplicate=true", "{\"name\":\"Olga Sidorova\",\"ownerId\":\"m1\"}"))
                .path("id").asString();
    }

    private String deal(String contactId) {
        return created(post("/api/v1/deals", "{\"contactId\":\"" + contactId + "\",\"title\":\"Fleet\","
                + "\"amount\":{\"value\":\"100.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}")).path("id").asString();
    }

    /** The aggregate's only event, checked to be of its type and aggregate type. */
    private JsonNode stored(String aggregateId, String aggregateType, String eventType) {
        List<java.util.Map<String, Object>> rows = jdbc.queryForList("SELECT type, payloadType, payload FROM "
                + "DomainEventEntry WHERE aggregateIdentifier = ?", aggregateId);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("TYPE")).isEqualTo(aggregateType);
        assertThat((String) rows.get(0).get("PAYLOADTYPE")).endsWith("." + eventType);
        return json.readTree(new String((byte[]) rows.get(0).get("PAYLOAD"), StandardCharsets.UTF_8));
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private JsonNode created(WebTestClient.ResponseSpec response) {
        return json.readTree(response.expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
