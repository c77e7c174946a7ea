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
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Merging duplicate contacts: both histories kept, the duplicate's id resolving to the survivor in commands. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class ContactMergeApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void theSurvivorTakesTheDuplicatesNumbersAndTheDuplicatesIdResolvesToIt() {
        String phoneA = phone();
        String phoneB = phone();
        String survivor = create("{\"name\":\"Irina Volkova\",\"ownerId\":\"m1\",\"phones\":[\"" + phoneA + "\"]}");
        String duplicate = create("{\"name\":\"I. Volkova\",\"ownerId\":\"m1\",\"phones\":[\"" + phoneB + "\"],"
                + "\"emails\":[\"irina@example.com\"]}");

        post("/api/v1/contacts/" + survivor + "/merge", "{\"duplicateId\":\"" + duplicate + "\"}")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);

        JsonNode merged = payloads(survivor).get(1);
        assertThat(merged.path("duplicateId").asString()).isEqualTo(duplicate);
        assertThat(merged.path("personal").path("name").asString()).isEqualTo("Irina Volkova");
        assertThat(merged.path("personal").path("phoneNumbers")).hasSize(2);
        assertThat(merged.path("personal").path("emails").get(0).asString()).isEqualTo("irina@example.com");
        assertThat(payloads(duplicate)).hasSize(2);
        assertThat(payloads(duplicate).get(1).path("survivorId").asString()).isEqualTo(survivor);

        // commands naming the duplicate reach the survivor
        http.patch().uri("/api/v1/contacts/" + duplicate).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"city\":\"Kazan\"}").exchange().expectStatus().isOk();
        assertThat(payloads(survivor).get(2).path("city").asString()).isEqualTo("Kazan");
        String dealId = json.readTree(post("/api/v1/deals", "{\"contactId\":\"" + duplicate + "\",\"title\":\"T\","
                        + "\"amount\":{\"value\":\"1.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}")
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).path("id").asString();
        assertThat(payloads(dealId).get(0).path("contactId").asString()).isEqualTo(survivor);

        // the duplicate's number now names the survivor as the existing contact
        post("/api/v1/contacts", "{\"name\":\"Irina\",\"ownerId\":\"m1\",\"phones\":[\"" + phoneB + "\"]}")
                .expectStatus().isEqualTo(409).expectBody().jsonPath("$.existingId").isEqualTo(survivor);
        // and it cannot be merged twice
        post("/api/v1/contacts/" + survivor + "/merge", "{\"duplicateId\":\"" + duplicate + "\"}")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/contact-merged");
    }

    @Test
    void aContactIsNotMergedIntoItselfNorWithAnUnknownOne() {
        String contactId = create("{\"name\":\"Solo\",\"ownerId\":\"m1\"}");
        post("/api/v1/contacts/" + contactId + "/merge", "{\"duplicateId\":\"" + contactId + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("duplicateId");
        post("/api/v1/contacts/" + contactId + "/merge", "{\"duplicateId\":\"nobody\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("duplicateId");
        post("/api/v1/contacts/" + contactId + "/merge", "{}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("duplicateId");
        assertThat(payloads(contactId)).hasSize(1);
    }

    private static String phone() {
        return "+7 343 " + ThreadLocalRandom.current().nextInt(2_000_000, 2_999_999);
    }

    private String create(String body) {
        return json.readTree(post("/api/v1/contacts", body).expectStatus().isCreated().expectBody().returnResult()
                .getResponseBody()).path("id").asString();
    }

    private WebTestClient.ResponseSpec post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private List<JsonNode> payloads(String aggregateId) {
        return jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber", byte[].class, aggregateId).stream()
                .map(payload -> json.readTree(new String(payload, StandardCharsets.UTF_8))).toList();
    }
}
