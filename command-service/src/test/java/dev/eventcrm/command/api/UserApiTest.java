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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Users over HTTP and a real H2 event store. */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:command-api;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
class UserApiTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    private static String newId() {
        return "anna.petrova+" + UUID.randomUUID().toString().substring(0, 8) + "@north/sales";
    }

    private static String user(String id) {
        return "{\"id\":\"" + id + "\",\"displayName\":\"Anna Petrova\",\"teamId\":\"north\",\"role\":\"manager\","
                + "\"timeZone\":\"Asia/Yekaterinburg\","
                + "\"workingHours\":{\"days\":[\"TUE\",\"MON\",\"SAT\"],\"from\":\"08:30\",\"to\":\"17:00\"}}";
    }

    @Test
    void aUserIsCreatedUnderTheGivenIdWithTheActingUserRecorded() {
        String id = newId();
        http.post().uri("/api/v1/users").contentType(MediaType.APPLICATION_JSON).header("X-Actor-Id", "boss")
                .bodyValue(user(id)).exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.id").isEqualTo(id).jsonPath("$.version").isEqualTo(0);

        JsonNode created = payloads(id).get(0);
        assertThat(created.path("userId").asString()).isEqualTo(id);
        assertThat(created.path("displayName").asString()).isEqualTo("Anna Petrova");
        assertThat(created.path("teamId").asString()).isEqualTo("north");
        assertThat(created.path("role").asString()).isEqualTo("manager");
        assertThat(created.path("timeZone").asString()).isEqualTo("Asia/Yekaterinburg");
        assertThat(created.path("workingHours").path("days").toString())
                .isEqualTo("[\"MONDAY\",\"TUESDAY\",\"SATURDAY\"]");
        assertThat(created.path("workingHours").path("from").asString()).isEqualTo("08:30:00");
        assertThat(created.path("workingHours").path("to").asString()).isEqualTo("17:00:00");
        String metadata = jdbc.queryForObject("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                String.class, id);
        assertThat(json.readTree(metadata).path("actorId").asString()).isEqualTo("boss");
    }

    @Test
    void timeZoneAndWorkingHoursDefaultToTheInstallationsZoneAndOfficeHours() {
        String id = newId();
        send("POST", "/api/v1/users", "{\"id\":\"" + id + "\",\"displayName\":\"Boris\",\"role\":\"head-of-sales\"}")
                .expectStatus().isCreated();

        JsonNode created = payloads(id).get(0);
        assertThat(created.path("teamId").isNull()).isTrue();
        assertThat(created.path("timeZone").asString()).isEqualTo("UTC");
        assertThat(created.path("workingHours").path("days").toString())
                .isEqualTo("[\"MONDAY\",\"TUESDAY\",\"WEDNESDAY\",\"THURSDAY\",\"FRIDAY\"]");
        assertThat(created.path("workingHours").path("from").asString()).isEqualTo("09:00:00");
        assertThat(created.path("workingHours").path("to").asString()).isEqualTo("18:00:00");
    }

    @Test
    void anExistingIdIsAConflict() {
        String id = newId();
        send("POST", "/api/v1/users", user(id)).expectStatus().isCreated();
        send("POST", "/api/v1/users", user(id).replace("Anna Petrova", "Someone Else")).expectStatus().isEqualTo(409)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/user-exists");
        assertThat(payloads(id)).hasSize(1);
        assertThat(payloads(id).get(0).path("displayName").asString()).isEqualTo("Anna Petrova");
    }

    @Test
    void concurrentCreatesOfOneIdEndInOneUserAndConflicts() throws Exception {
        String id = newId();
        int requests = 8;
        ExecutorService pool = Executors.newFixedThreadPool(requests);
        try {
            List<Callable<Integer>> creates = IntStream.range(0, requests).<Callable<Integer>>mapToObj(i -> () ->
                    send("POST", "/api/v1/users", user(id)).returnResult(byte[].class).getStatus().value()).toList();
            List<Integer> statuses = pool.invokeAll(creates).stream().map(UserApiTest::get).toList();
            assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
        } finally {
            pool.shutdownNow();
        }
        assertThat(payloads(id)).hasSize(1);
    }

    @Test
    void badInputIsAFieldErrorThatStoresNothing() {
        String id = newId();
        String[][] cases = {
                {user("anna petrova"), "id"},
                {user("a".repeat(101)), "id"},
                {user(id).replace("Asia/Yekaterinburg", "Mars/Olympus"), "timeZone"},
                {user(id).replace("Asia/Yekaterinburg", "+05:00"), "timeZone"},
                {user(id).replace("\"08:30\"", "\"8:30am\""), "workingHours.from"},
                {user(id).replace("\"17:00\"", "\"24:00\""), "workingHours.to"},
                {user(id).replace("\"08:30\"", "\"17:30\""), "workingHours.from"},
                {user(id).replace("\"SAT\"", "\"SATURDAY\""), "workingHours.days[2]"},
                {user(id).replace("\"SAT\"", "\"MON\""), "workingHours.days[2]"},
                {user(id).replace("[\"TUE\",\"MON\",\"SAT\"]", "[]"), "workingHours.days"},
                {user(id).replace("\"role\":\"manager\"", "\"role\":\"" + "r".repeat(51) + "\""), "role"},
                {user(id).replace("\"teamId\":\"north\"", "\"teamId\":\" \""), "teamId"},
                {user(id).replace("\"displayName\":\"Anna Petrova\",", ""), "displayName"}};
        for (String[] bad : cases) {
            send("POST", "/api/v1/users", bad[0]).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
        assertThat(payloads(id)).isEmpty();
    }

    @Test
    void aMergePatchStoresOneEventPerChangedPart() {
        String id = newId();
        send("POST", "/api/v1/users", user(id)).expectStatus().isCreated();
        http.patch().uri("/api/v1/users/{id}", id).contentType(MediaType.valueOf("application/merge-patch+json"))
                .header("If-Match", "\"0\"")
                .bodyValue("{\"displayName\":\"Anna Orlova\",\"teamId\":null,\"role\":\"manager\","
                        + "\"timeZone\":\"Europe/Moscow\",\"workingHours\":{\"to\":\"18:00\"}}")
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(4);

        List<JsonNode> events = payloads(id);
        assertThat(events).hasSize(5);
        assertThat(events.get(1).path("displayName").asString()).isEqualTo("Anna Orlova");
        assertThat(events.get(2).path("previousTeamId").asString()).isEqualTo("north");
        assertThat(events.get(2).path("teamId").isNull()).isTrue();
        assertThat(events.get(3).path("timeZone").asString()).isEqualTo("Europe/Moscow");
        assertThat(events.get(4).path("workingHours").path("from").asString()).isEqualTo("08:30:00");
        assertThat(events.get(4).path("workingHours").path("to").asString()).isEqualTo("18:00:00");
        assertThat(events.get(4).path("workingHours").path("days")).hasSize(3);

        send("PATCH", "/api/v1/users/{id}", id, "{\"displayName\":\"Anna Orlova\",\"workingHours\":{\"days\":[\"MON\",\"TUE\",\"SAT\"]}}")
                .expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(4);
        assertThat(payloads(id)).hasSize(5);

        http.patch().uri("/api/v1/users/{id}", id).contentType(MediaType.APPLICATION_JSON).header("If-Match", "\"2\"")
                .bodyValue("{\"role\":\"head-of-sales\"}").exchange().expectStatus().isEqualTo(412);
        send("PATCH", "/api/v1/users/nobody-" + UUID.randomUUID(), "{\"role\":\"manager\"}")
                .expectStatus().isNotFound();
    }

    @Test
    void badPatchesAreFieldErrorsThatStoreNothing() {
        String id = newId();
        send("POST", "/api/v1/users", user(id)).expectStatus().isCreated();
        String[][] cases = {
                {"{\"displayName\":null}", "displayName"},
                {"{\"role\":\"\"}", "role"},
                {"{\"timeZone\":\"Moscow\"}", "timeZone"},
                {"{\"workingHours\":{\"from\":\"17:00\"}}", "workingHours.from"},
                {"{\"workingHours\":{\"from\":\"9\"}}", "workingHours.from"},
                {"{\"workingHours\":{\"days\":null}}", "workingHours.days"},
                {"{\"workingHours\":{\"days\":[\"MON\",\"Sun\"]}}", "workingHours.days[1]"},
                {"{\"workingHours\":null}", "workingHours"},
                {"{\"id\":\"other\"}", "id"}};
        for (String[] bad : cases) {
            send("PATCH", "/api/v1/users/{id}", id, bad[0]).expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo(bad[1]);
        }
        assertThat(payloads(id)).hasSize(1);
    }

    @Test
    void aUserWhoLeftIsDeactivatedOnceAndCanComeBack() {
        String id = newId();
        send("POST", "/api/v1/users", user(id)).expectStatus().isCreated();
        send("POST", "/api/v1/users/{id}/deactivate", id, null).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(1);
        send("POST", "/api/v1/users/{id}/deactivate", id, null).expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/user-deactivated");
        send("POST", "/api/v1/users/{id}/reactivate", id, null).expectStatus().isOk().expectBody().jsonPath("$.version").isEqualTo(2);
        send("POST", "/api/v1/users/{id}/reactivate", id, null).expectStatus().isEqualTo(409);
    }

    private static Integer get(Future<Integer> status) {
        try {
            return status.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<JsonNode> payloads(String aggregateId) {
        return jdbc.queryForList("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? "
                        + "ORDER BY sequenceNumber", byte[].class, aggregateId).stream()
                .map(payload -> json.readTree(new String(payload, StandardCharsets.UTF_8))).toList();
    }

    private WebTestClient.ResponseSpec send(String method, String path, String body) {
        return send(method, path, null, body);
    }

    /** @param id the {@code {id}} of the path, encoded as a value (its {@code /}, {@code +} and {@code @} too) */
    private WebTestClient.ResponseSpec send(String method, String path, String id, String body) {
        WebTestClient.RequestBodySpec request = http.method(HttpMethod.valueOf(method))
                .uri(path, id == null ? new Object[0] : new Object[]{id})
                .contentType(MediaType.APPLICATION_JSON);
        return body == null ? request.exchange() : request.bodyValue(body).exchange();
    }
}
