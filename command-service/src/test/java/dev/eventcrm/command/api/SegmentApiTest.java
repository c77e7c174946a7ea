package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Saved segments over HTTP and a real H2 event store: every definition a {@code SegmentSaved}, the earlier kept. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class SegmentApiTest {
    private static final String GERMAN_CHAMPIONS = "{\"name\":\"German champions\",\"filter\":{"
            + "\"rfmSegments\":[\"champions\",\"Loyal\"],\"countries\":[\" DE \"],\"minActivities30d\":1}}";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aSegmentKeepsEveryDefinitionItHadUntilDeleted() {
        String segmentId = json.readTree(send(HttpMethod.POST, "/api/v1/segments", GERMAN_CHAMPIONS, null)
                .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(0).returnResult()
                .getResponseBody()).path("id").asString();
        send(HttpMethod.PUT, "/api/v1/segments/" + segmentId, "{\"name\":\"Slipping\",\"filter\":{"
                + "\"rfmSegments\":[\"at-risk\"],\"lifecycles\":[\"customer\"],\"maxActivities90d\":0}}", "\"0\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        // the same definition again: nothing stored
        send(HttpMethod.PUT, "/api/v1/segments/" + segmentId, "{\"name\":\"Slipping\",\"filter\":{"
                + "\"rfmSegments\":[\"AT_RISK\"],\"lifecycles\":[\"customer\"],\"maxActivities90d\":0}}", null)
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        send(HttpMethod.DELETE, "/api/v1/segments/" + segmentId, null, "\"1\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);

        List<JsonNode> payloads = jdbc.queryForList("SELECT payload FROM DomainEventEntry"
                        + " WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", byte[].class, segmentId).stream()
                .map(bytes -> json.readTree(new String(bytes, StandardCharsets.UTF_8))).toList();
        List<String> types = jdbc.queryForList("SELECT payloadType FROM DomainEventEntry"
                + " WHERE aggregateIdentifier = ? ORDER BY sequenceNumber", String.class, segmentId);
        assertThat(types).extracting(type -> type.substring(type.lastIndexOf('.') + 1))
                .containsExactly("SegmentSaved", "SegmentSaved", "SegmentDeleted");
        JsonNode first = payloads.get(0).path("filter");
        assertThat(payloads.get(0).path("name").asString()).isEqualTo("German champions");
        assertThat(first.path("rfmSegments").toString()).isEqualTo("[\"CHAMPIONS\",\"LOYAL\"]");
        assertThat(first.path("countries").toString()).isEqualTo("[\"DE\"]");
        assertThat(first.path("minActivities30d").asInt()).isEqualTo(1);
        assertThat(payloads.get(1).path("filter").path("lifecycles").toString()).isEqualTo("[\"CUSTOMER\"]");
    }

    @Test
    void refusalsNameTheField() {
        Map<String, String> bodies = Map.of(
                "name", "{\"name\":\" \"}",
                "filter.rfmSegments", "{\"name\":\"x\",\"filter\":{\"rfmSegments\":[\"whales\"]}}",
                "filter.lifecycles", "{\"name\":\"x\",\"filter\":{\"lifecycles\":[\"vip\"]}}",
                "filter.minActivities30d", "{\"name\":\"x\",\"filter\":{\"minActivities30d\":-1}}",
                "filter.maxActivities90d", "{\"name\":\"x\",\"filter\":{\"minActivities90d\":3,"
                        + "\"maxActivities90d\":2}}",
                "filter.countries[0]", "{\"name\":\"x\",\"filter\":{\"countries\":[\"\"]}}",
                "filter.revenue", "{\"name\":\"x\",\"filter\":{\"revenue\":5}}",
                "colour", "{\"name\":\"x\",\"colour\":\"red\"}");
        bodies.forEach((field, body) -> send(HttpMethod.POST, "/api/v1/segments", body, null)
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
        send(HttpMethod.PUT, "/api/v1/segments/nobody", GERMAN_CHAMPIONS, null).expectStatus().isNotFound();
        send(HttpMethod.DELETE, "/api/v1/segments/nobody", null, null).expectStatus().isNotFound();
    }

    @Test
    void aDeletedSegmentIsAConflict() {
        String segmentId = json.readTree(send(HttpMethod.POST, "/api/v1/segments", GERMAN_CHAMPIONS, null)
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).path("id").asString();
        send(HttpMethod.DELETE, "/api/v1/segments/" + segmentId, null, null).expectStatus().isOk();
        send(HttpMethod.DELETE, "/api/v1/segments/" + segmentId, null, null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").value(type -> assertThat(type.toString()).endsWith("segment-deleted"));
        send(HttpMethod.PUT, "/api/v1/segments/" + segmentId, GERMAN_CHAMPIONS, null).expectStatus().isEqualTo(409);
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String body, String ifMatch) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(path);
        if (ifMatch != null) {
            spec.header("If-Match", ifMatch);
        }
        return body == null ? spec.exchange() : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }
}
