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
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Quotas over HTTP and a real H2 event store: each target is a {@code QuotaSet}, the earlier ones kept. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class QuotaApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aQuotaKeepsEveryTargetItHad() {
        String managerId = "planned-" + UUID.randomUUID();
        send(HttpMethod.POST, "/api/v1/users", "{\"id\":\"" + managerId + "\",\"displayName\":\"Anna\","
                + "\"role\":\"manager\"}", null).expectStatus().isCreated();
        String quotaId = json.readTree(send(HttpMethod.POST, "/api/v1/quotas", "{\"managerId\":\"" + managerId
                        + "\",\"period\":\"month\",\"metric\":\"revenue_won\",\"target\":\"10000.00\","
                        + "\"currency\":\"EUR\"}", null)
                .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(0).returnResult()
                .getResponseBody()).path("id").asString();

        send(HttpMethod.PUT, "/api/v1/quotas/" + quotaId + "/target", "{\"target\":\"12000\"}", "\"0\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);

        List<String> payloads = jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " ORDER BY sequenceNumber", byte[].class, quotaId).stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        assertThat(payloads).hasSize(2);
        assertThat(json.readTree(payloads.get(0)).path("target").asString()).isEqualTo("10000.00");
        assertThat(json.readTree(payloads.get(1)).path("target").asString()).isEqualTo("12000");
        assertThat(json.readTree(payloads.get(1)).path("metric").asString()).isEqualTo("REVENUE_WON");
        assertThat(json.readTree(payloads.get(1)).path("managerId").asString()).isEqualTo(managerId);
    }

    @Test
    void refusalsNameTheField() {
        Map<String, String> bodies = Map.of(
                "period", "{\"teamId\":\"north\",\"period\":\"year\",\"metric\":\"calls\",\"target\":\"5\"}",
                "metric", "{\"teamId\":\"north\",\"period\":\"month\",\"metric\":\"emails\",\"target\":\"5\"}",
                "target", "{\"teamId\":\"north\",\"period\":\"month\",\"metric\":\"calls\",\"target\":\"0\"}",
                "currency", "{\"teamId\":\"north\",\"period\":\"month\",\"metric\":\"revenue_won\",\"target\":\"5\"}",
                "managerId", "{\"managerId\":\"nobody-" + UUID.randomUUID()
                        + "\",\"period\":\"month\",\"metric\":\"calls\",\"target\":\"5\"}");
        bodies.forEach((field, body) -> send(HttpMethod.POST, "/api/v1/quotas", body, null)
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo(field));
        send(HttpMethod.PUT, "/api/v1/quotas/nobody/target", "{\"target\":\"5\"}", null).expectStatus().isNotFound();
    }

    private WebTestClient.ResponseSpec send(HttpMethod method, String path, String body, String ifMatch) {
        WebTestClient.RequestBodySpec spec = http.method(method).uri(path).contentType(MediaType.APPLICATION_JSON);
        if (ifMatch != null) {
            spec.header("If-Match", ifMatch);
        }
        return spec.bodyValue(body).exchange();
    }
}
