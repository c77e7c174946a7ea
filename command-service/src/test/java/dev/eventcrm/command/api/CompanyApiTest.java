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
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Companies, and contacts that belong to one, over HTTP and a real H2 event store. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class CompanyApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    /** A phone number no other test of the shared database uses. */
    private static String freshPhone() {
        return "+7 343 " + ThreadLocalRandom.current().nextInt(2_000_000, 3_000_000);
    }

    @Test
    void aCompanyIsCreatedWithItsPhonesNormalisedBesideHowTheyWereTyped() {
        String phone = freshPhone();
        String companyId = id(send("POST", "/api/v1/companies", "{\"name\":\"Uralsteel\",\"phones\":[\"" + phone
                + "\"],\"emails\":[\"info@uralsteel.example\"],\"website\":\"uralsteel.example\",\"city\":"
                + "\"Yekaterinburg\",\"country\":\"RU\",\"source\":\"web\",\"ownerId\":\"m1\"}")
                .expectStatus().isCreated().expectBody().jsonPath("$.version").isEqualTo(0));

        JsonNode created = payloads(companyId).get(0);
        assertThat(created.path("name").asString()).isEqualTo("Uralsteel");
        assertThat(created.path("phones").get(0).path("typed").asString()).isEqualTo(phone);
        assertThat(created.path("phones").get(0).path("e164").asString())
                .isEqualTo("+7343" + phone.substring(7));
        assertThat(created.path("inn").isNull()).isTrue();
        assertThat(jdbc.queryForObject("SELECT aggregate_type FROM aggregate_lookup WHERE aggregate_id = ?",
                String.class, companyId)).isEqualTo("Company");
    }

    @Test
    void aSecondCompanyWithTheSameNumberInAnotherFormatIsA409NamingTheFirst() {
        String phone = freshPhone();
        String first = id(send("POST", "/api/v1/companies", "{\"name\":\"Alpha\",\"ownerId\":\"m1\",\"phones\":[\""
                + phone + "\"]}").expectStatus().isCreated());
        String otherFormat = "8" + phone.substring(2).replace(" ", "");
        String body = "{\"name\":\"Alpha LLC\",\"ownerId\":\"m1\",\"phones\":[\"" + otherFormat + "\"]}";

        send("POST", "/api/v1/companies", body).expectStatus().isEqualTo(409).expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/duplicate-company")
                .jsonPath("$.existingId").isEqualTo(first);
        send("POST", "/api/v1/companies?allowDuplicate=true", body).expectStatus().isCreated();
    }

    @Test
    void badInputIsA400NamingTheFieldAndStoresNothing() {
        long before = count();
        for (String[] bad : new String[][]{
                {"{\"ownerId\":\"m1\"}", "name"},
                {"{\"name\":\"Beta\"}", "ownerId"},
                {"{\"name\":\"Beta\",\"ownerId\":\"m1\",\"inn\":\"7707083894\"}", "inn"},
                {"{\"name\":\"Beta\",\"ownerId\":\"m1\",\"phones\":[\"+7 343 2\",\"12\"]}", "phones[0]"},
                {"{\"name\":\"Beta\",\"ownerId\":\"m1\",\"emails\":[\"beta\"]}", "emails[0]"},
                {"{\"name\":\"Beta\",\"ownerId\":\"m1\",\"website\":\"not a site\"}", "website"}}) {
            send("POST", "/api/v1/companies", bad[0]).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void aPatchStoresOnlyTheChangesAndHonoursIfMatch() {
        String companyId = id(send("POST", "/api/v1/companies",
                "{\"name\":\"Gamma\",\"ownerId\":\"m1\",\"city\":\"Perm\",\"source\":\"web\"}")
                .expectStatus().isCreated());

        patch(companyId, "{\"name\":\"Gamma\",\"city\":\"Perm\",\"website\":\"https://gamma.example\"}", "\"0\"")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        patch(companyId, "{\"source\":null}", "\"0\"").expectStatus().isEqualTo(412);
        patch(companyId, "{\"ownerId\":\"m2\"}", null).expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");

        List<JsonNode> events = payloads(companyId);
        assertThat(events).hasSize(2);
        assertThat(events.get(1).path("website").asString()).isEqualTo("https://gamma.example");
    }

    @Test
    void ownerArchiveAndRestoreAreCommandsOfTheirOwn() {
        String companyId = id(send("POST", "/api/v1/companies", "{\"name\":\"Delta\",\"ownerId\":\"m1\"}")
                .expectStatus().isCreated());

        send("POST", "/api/v1/companies/" + companyId + "/owner", "{\"ownerId\":\"m2\"}").expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(1);
        send("POST", "/api/v1/companies/" + companyId + "/archive", "{}").expectStatus().isOk();
        send("POST", "/api/v1/companies/" + companyId + "/archive", "{}").expectStatus().isEqualTo(409);
        send("POST", "/api/v1/companies/" + companyId + "/restore", "{}").expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(3);
        send("POST", "/api/v1/companies/unknown-company/restore", "{}").expectStatus().isNotFound();
    }

    @Test
    void aContactBelongsToAnExistingCompanyOnly() {
        String companyId = id(send("POST", "/api/v1/companies", "{\"name\":\"Epsilon\",\"ownerId\":\"m1\"}")
                .expectStatus().isCreated());
        String otherId = id(send("POST", "/api/v1/companies", "{\"name\":\"Zeta\",\"ownerId\":\"m1\"}")
                .expectStatus().isCreated());

        String contactId = id(send("POST", "/api/v1/contacts",
                "{\"name\":\"Ilya\",\"ownerId\":\"m1\",\"companyId\":\"" + companyId + "\"}").expectStatus().isCreated());
        send("POST", "/api/v1/contacts", "{\"name\":\"Ilya\",\"ownerId\":\"m1\",\"companyId\":\"" + contactId + "\"}")
                .expectStatus().isBadRequest().expectBody().jsonPath("$.errors[0].field").isEqualTo("companyId");

        http.patch().uri("/api/v1/contacts/" + contactId).contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("{\"companyId\":\"" + otherId + "\"}").exchange().expectStatus().isOk();
        http.patch().uri("/api/v1/contacts/" + contactId).contentType(MediaType.valueOf("application/merge-patch+json"))
                .bodyValue("{\"companyId\":null}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(2);

        List<JsonNode> events = payloads(contactId);
        assertThat(events.get(0).path("companyId").asString()).isEqualTo(companyId);
        assertThat(events.get(1).path("previousCompanyId").asString()).isEqualTo(companyId);
        assertThat(events.get(1).path("companyId").asString()).isEqualTo(otherId);
        assertThat(events.get(2).path("companyId").isNull()).isTrue();
    }

    private WebTestClient.ResponseSpec send(String method, String path, String body) {
        return http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    private WebTestClient.ResponseSpec patch(String companyId, String body, String ifMatch) {
        WebTestClient.RequestBodySpec request = http.patch().uri("/api/v1/companies/" + companyId)
                .contentType(MediaType.valueOf("application/merge-patch+json"))
                .header("Idempotency-Key", UUID.randomUUID().toString());
        if (ifMatch != null) {
            request = request.header("If-Match", ifMatch);
        }
        return request.bodyValue(body).exchange();
    }

    private String id(WebTestClient.ResponseSpec response) {
        byte[] answer = response.expectBody().returnResult().getResponseBody();
        return json.readTree(answer).path("id").asString();
    }

    private String id(WebTestClient.BodyContentSpec body) {
        return json.readTree(body.returnResult().getResponseBody()).path("id").asString();
    }

    private long count() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE type = 'Company'", Long.class);
    }

    private List<JsonNode> payloads(String aggregateId) {
        return jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber", byte[].class, aggregateId).stream()
                .map(payload -> json.readTree(new String(payload, StandardCharsets.UTF_8))).toList();
    }
}
