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

/** Marketing spend over HTTP and a real H2 event store: one aggregate per source and month, replaced, kept. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class MarketingSpendApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aSourcesMonthIsRecordedThenReplacedWithItsHistoryKept() {
        String source = "ads-" + UUID.randomUUID();
        String id = json.readTree(record(spend(source, "2026-11", "3000.00", "EUR"), "k-" + UUID.randomUUID())
                .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(0).returnResult()
                .getResponseBody()).path("id").asString();

        String key = "k-" + UUID.randomUUID();
        record(spend(source, "2026-11", "3250.50", "EUR"), key).expectStatus().isOk()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.version").isEqualTo(1);
        // a retry with the same Idempotency-Key: the same answer, no second event
        record(spend(source, "2026-11", "3250.50", "EUR"), key).expectStatus().isOk()
                .expectHeader().valueEquals("Idempotent-Replayed", "true");
        // the same amount again: nothing stored, the current version
        record(spend(source, "2026-11", "3250.5", "EUR"), null).expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1);
        // another month of the source is another record
        record(spend(source, "2026-12", "10", "EUR"), null).expectStatus().isCreated()
                .expectBody().jsonPath("$.id").value(other -> assertThat(other).isNotEqualTo(id));

        List<JsonNode> payloads = jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " ORDER BY sequenceNumber", byte[].class, id).stream()
                .map(bytes -> json.readTree(new String(bytes, StandardCharsets.UTF_8))).toList();
        assertThat(payloads).hasSize(2);
        assertThat(payloads.get(0).path("period").asString()).isEqualTo("2026-11");
        assertThat(payloads.get(0).path("amount").path("value").asString()).isEqualTo("3000.00");
        assertThat(payloads.get(1).path("amount").path("value").asString()).isEqualTo("3250.50");
        assertThat(payloads.get(1).path("amount").path("currency").asString()).isEqualTo("EUR");
        assertThat(payloads.get(1).path("source").asString()).isEqualTo(source);
    }

    @Test
    void refusalsNameTheField() {
        Map<String, String> bodies = Map.of(
                "source", spend("", "2026-11", "1", "EUR"),
                "period", spend("web", "2026-13", "1", "EUR"),
                "amount.value", spend("web", "2026-11", "-1", "EUR"),
                "amount.currency", spend("web", "2026-11", "1", "euro"));
        bodies.forEach((field, body) -> record(body, null).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
    }

    private static String spend(String source, String period, String value, String currency) {
        return "{\"source\":\"" + source + "\",\"period\":\"" + period + "\",\"amount\":{\"value\":\"" + value
                + "\",\"currency\":\"" + currency + "\"}}";
    }

    private WebTestClient.ResponseSpec record(String body, String idempotencyKey) {
        WebTestClient.RequestBodySpec spec = http.post().uri("/api/v1/marketing-spend")
                .contentType(MediaType.APPLICATION_JSON);
        if (idempotencyKey != null) {
            spec.header("Idempotency-Key", idempotencyKey);
        }
        return spec.bodyValue(body).exchange();
    }
}
