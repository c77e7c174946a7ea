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
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** PATCH of a contact (JSON Merge Patch) and its owner, over HTTP and a real H2 event store. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class ContactPatchApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aPatchStoresOneEventPerChangedPartWithPhonesNormalised() {
        String contactId = create("{\"name\":\"Vera Sokolova\",\"ownerId\":\"m1\",\"city\":\"Perm\",\"source\":\"web\"}");
        patch(contactId, "{\"phones\":[\"8 (343) 212-34-56\"],\"city\":\"Perm\",\"source\":null,"
                + "\"timeZone\":\"Asia/Yekaterinburg\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(3);

        List<JsonNode> events = payloads(contactId);
        assertThat(events).hasSize(4);
        assertThat(events.get(1).path("changed").get(0).asString()).isEqualTo("phones");
        assertThat(events.get(1).path("personal").path("phoneNumbers").get(0).path("e164").asString())
                .isEqualTo("+73432123456");
        assertThat(events.get(2).path("source").isNull()).isTrue();
        assertThat(events.get(3).path("timeZone").asString()).isEqualTo("Asia/Yekaterinburg");
    }

    @Test
    void aPhoneOfAnotherContactIsADuplicateNamingIt() {
        String phone = "+7 343 " + (2000000 + (int) (Math.random() * 999999));
        String first = create("{\"name\":\"Oleg\",\"ownerId\":\"m1\",\"phones\":[\"" + phone + "\"]}");
        String second = create("{\"name\":\"Olga\",\"ownerId\":\"m1\"}");

        patch(second, "{\"phones\":[\"" + phone + "\"]}").expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.existingId").isEqualTo(first);
        assertThat(payloads(second)).hasSize(1);
    }

    @Test
    void badMembersAreFieldErrors() {
        String contactId = create("{\"name\":\"Ivan\",\"ownerId\":\"m1\"}");
        for (String[] bad : new String[][]{
                {"{\"emails\":[\"not-an-address\"]}", "emails[0]"},
                {"{\"phones\":[\"12\"]}", "phones[0]"},
                {"{\"name\":null}", "name"},
                {"{\"timeZone\":\"Mars/Olympus\"}", "timeZone"},
                {"{\"ownerId\":\"m2\"}", "ownerId"}}) {
            patch(contactId, bad[0]).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
        assertThat(payloads(contactId)).hasSize(1);
    }

    @Test
    void aContactChangesOwner() {
        String contactId = create("{\"name\":\"Pavel\",\"ownerId\":\"m1\"}");
        http.post().uri("/api/v1/contacts/" + contactId + "/owner").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"ownerId\":\"m2\"}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1);
        assertThat(payloads(contactId).get(1).path("newOwnerId").asString()).isEqualTo("m2");
    }

    private String create(String body) {
        byte[] answer = http.post().uri("/api/v1/contacts?allowDuplicate=" + body.contains("\"Olga\""))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        return json.readTree(answer).path("id").asString();
    }

    private WebTestClient.ResponseSpec patch(String contactId, String body) {
        return http.patch().uri("/api/v1/contacts/" + contactId)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).bodyValue(body).exchange();
    }

    private List<JsonNode> payloads(String aggregateId) {
        return jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber", byte[].class, aggregateId).stream()
                .map(payload -> json.readTree(new String(payload, StandardCharsets.UTF_8))).toList();
    }
}
