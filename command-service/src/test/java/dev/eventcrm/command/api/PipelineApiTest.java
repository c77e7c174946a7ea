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

import static org.assertj.core.api.Assertions.assertThat;

/** Custom pipelines and deals taken through them, over HTTP and a real H2 event store. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class PipelineApiTest {

    private static final String B2B = "{\"name\":\"B2B\",\"stages\":["
            + "{\"id\":\"LEAD\",\"name\":\"Lead\",\"probability\":5,\"kind\":\"OPEN\"},"
            + "{\"id\":\"DEMO\",\"name\":\"Demo\",\"probability\":40,\"kind\":\"OPEN\"},"
            + "{\"id\":\"OFFER\",\"name\":\"Offer\",\"probability\":70,\"kind\":\"OPEN\"},"
            + "{\"id\":\"SIGNED\",\"name\":\"Signed\",\"probability\":100,\"kind\":\"WON\"},"
            + "{\"id\":\"DROPPED\",\"name\":\"Dropped\",\"probability\":0,\"kind\":\"LOST\"}]}";

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void theDefaultPipelineExistsWithTheSkeletonsStages() {
        List<String> stages = jdbc.queryForList("SELECT stage_id FROM pipeline_stage WHERE pipeline_id = 'default' "
                + "ORDER BY position", String.class);
        assertThat(stages).containsExactly("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON", "LOST");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = 'default' "
                + "AND payloadType LIKE '%PipelineCreated'", Integer.class)).isEqualTo(1);
    }

    @Test
    void aDealGoesThroughACustomPipelineWithARegressionALossAndAReopen() {
        String pipelineId = id(send("POST", "/api/v1/pipelines", B2B).expectStatus().isCreated());
        String dealId = id(send("POST", "/api/v1/deals", deal(pipelineId)).expectStatus().isCreated());

        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"OFFER\"}").expectStatus().isOk();
        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"DEMO\"}").expectStatus().isOk();
        send("POST", "/api/v1/deals/" + dealId + "/stage",
                "{\"stage\":\"DROPPED\",\"lossReason\":\"price\",\"comment\":\"too expensive\"}")
                .expectStatus().isOk();
        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"DEMO\"}").expectStatus().isEqualTo(409);
        send("POST", "/api/v1/deals/" + dealId + "/reopen", "{\"stage\":\"DEMO\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(4);

        List<JsonNode> events = payloads(dealId);
        assertThat(events.get(0).path("pipelineId").asString()).isEqualTo(pipelineId);
        assertThat(events.get(0).path("stage").asString()).isEqualTo("LEAD");
        assertThat(events.get(0).path("expectedCloseDate").asString()).isEqualTo("2026-12-31");
        assertThat(events.get(1).path("regression").asBoolean()).isFalse();
        assertThat(events.get(2).path("regression").asBoolean()).isTrue();
        assertThat(events.get(3).path("kind").asString()).isEqualTo("LOST");
        assertThat(events.get(3).path("lossReason").asString()).isEqualTo("price");
        assertThat(events.get(3).path("comment").asString()).isEqualTo("too expensive");
        assertThat(events.get(4).path("from").asString()).isEqualTo("DROPPED");
        assertThat(events.get(4).path("to").asString()).isEqualTo("DEMO");
    }

    @Test
    void theSkeletonsStageRouteLosesADealWithoutAReasonAsUnspecified() {
        String dealId = id(send("POST", "/api/v1/deals", deal("default")).expectStatus().isCreated());
        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"LOST\"}").expectStatus().isOk();
        assertThat(payloads(dealId).get(1).path("lossReason").asString()).isEqualTo("unspecified");
    }

    @Test
    void aStageThatHoldsADealIsRemovedOnlyOnceTheDealHasLeftIt() {
        String pipelineId = id(send("POST", "/api/v1/pipelines", B2B).expectStatus().isCreated());
        String dealId = id(send("POST", "/api/v1/deals", deal(pipelineId)).expectStatus().isCreated());
        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"DEMO\"}").expectStatus().isOk();

        send("DELETE", "/api/v1/pipelines/" + pipelineId + "/stages/DEMO", null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/stage-not-empty");
        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"OFFER\"}").expectStatus().isOk();
        send("DELETE", "/api/v1/pipelines/" + pipelineId + "/stages/DEMO", null).expectStatus().isOk();

        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"DEMO\"}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("stage");
    }

    @Test
    void stagesAreAddedRenamedAndReorderedAndThePipelineRenamed() {
        String pipelineId = id(send("POST", "/api/v1/pipelines", B2B).expectStatus().isCreated());
        send("POST", "/api/v1/pipelines/" + pipelineId + "/stages",
                "{\"id\":\"TRIAL\",\"name\":\"Trial\",\"probability\":55,\"kind\":\"OPEN\"}").expectStatus().isOk();
        send("PATCH", "/api/v1/pipelines/" + pipelineId + "/stages/TRIAL", "{\"probability\":60}")
                .expectStatus().isOk();
        send("PUT", "/api/v1/pipelines/" + pipelineId + "/stage-order",
                "{\"stageIds\":[\"LEAD\",\"TRIAL\",\"DEMO\",\"OFFER\",\"SIGNED\",\"DROPPED\"]}")
                .expectStatus().isOk();
        send("PATCH", "/api/v1/pipelines/" + pipelineId, "{\"name\":\"Enterprise\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(4);

        assertThat(jdbc.queryForList("SELECT stage_id FROM pipeline_stage WHERE pipeline_id = ? ORDER BY position",
                String.class, pipelineId)).containsExactly("LEAD", "TRIAL", "DEMO", "OFFER", "SIGNED", "DROPPED");
    }

    @Test
    void aMergePatchChangesOnlyTheDealDetailsItNames() {
        String dealId = id(send("POST", "/api/v1/deals", deal("default")).expectStatus().isCreated());
        http.patch().uri("/api/v1/deals/" + dealId).contentType(MediaType.valueOf("application/merge-patch+json"))
                .header("If-Match", "\"0\"")
                .bodyValue("{\"amount\":{\"value\":\"2500.00\"},\"expectedCloseDate\":null,\"title\":\"Fleet\"}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(3);

        List<JsonNode> events = payloads(dealId);
        assertThat(events).hasSize(4);
        assertThat(events.get(1).path("title").asString()).isEqualTo("Fleet");
        assertThat(events.get(2).path("amount").path("value").asString()).isEqualTo("2500.00");
        assertThat(events.get(2).path("amount").path("currency").asString()).isEqualTo("EUR");
        assertThat(events.get(3).path("expectedCloseDate").isNull()).isTrue();
    }

    @Test
    void badPatchesAndPipelinesAreFieldErrorsThatStoreNothing() {
        String dealId = id(send("POST", "/api/v1/deals", deal("default")).expectStatus().isCreated());
        for (String[] bad : new String[][]{
                {"{\"stage\":\"WON\"}", "stage"},
                {"{\"title\":null}", "title"},
                {"{\"amount\":{\"value\":\"-1\"}}", "amount.value"},
                {"{\"amount\":{\"currency\":\"euro\"}}", "amount.currency"},
                {"{\"expectedCloseDate\":\"31.12.2026\"}", "expectedCloseDate"},
                {"[]", "body"}}) {
            send("PATCH", "/api/v1/deals/" + dealId, bad[0]).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
        send("POST", "/api/v1/pipelines", "{\"name\":\"No won\",\"stages\":["
                + "{\"id\":\"A\",\"name\":\"A\",\"probability\":5,\"kind\":\"OPEN\"},"
                + "{\"id\":\"L\",\"name\":\"L\",\"probability\":0,\"kind\":\"LOST\"}]}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("stages");
        send("POST", "/api/v1/pipelines", B2B.replace("\"probability\":40", "\"probability\":140"))
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field")
                .isEqualTo("stages[1].probability");
        send("POST", "/api/v1/deals", deal("nope")).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("pipelineId");
        send("POST", "/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"LOST\",\"lossReason\":\"astrology\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("lossReason");
        assertThat(payloads(dealId)).hasSize(1);
    }

    private String deal(String pipelineId) {
        String contactId = id(send("POST", "/api/v1/contacts?allowDuplicate=true",
                "{\"name\":\"Boris Orlov\",\"ownerId\":\"m1\"}").expectStatus().isCreated());
        return "{\"contactId\":\"" + contactId + "\",\"title\":\"Fleet renewal\",\"pipelineId\":\"" + pipelineId
                + "\",\"expectedCloseDate\":\"2026-12-31\","
                + "\"amount\":{\"value\":\"1500.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}";
    }

    private List<JsonNode> payloads(String aggregateId) {
        return jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber", byte[].class, aggregateId).stream()
                .map(payload -> json.readTree(new String(payload, StandardCharsets.UTF_8))).toList();
    }

    private WebTestClient.ResponseSpec send(String method, String path, String body) {
        WebTestClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(path).contentType(MediaType.APPLICATION_JSON);
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }

    private String id(WebTestClient.ResponseSpec response) {
        byte[] body = response.expectBody().returnResult().getResponseBody();
        return json.readTree(body).path("id").asString();
    }
}
