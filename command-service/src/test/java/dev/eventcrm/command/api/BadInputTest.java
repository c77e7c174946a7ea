package dev.eventcrm.command.api;

import dev.eventcrm.command.CommandServiceApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 6 item 8, one test per case a careless or hostile client tried: each is a 4xx problem naming what is wrong,
 * and nothing is stored.
 */
@SpringBootTest(classes = CommandServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "crm.eventstore.url=jdbc:h2:mem:bad-input;DB_CLOSE_DELAY=-1",
                "crm.publication.enabled=false",
                "axon.axonserver.enabled=false"})
@AutoConfigureWebTestClient
@ExtendWith(OutputCaptureExtension.class)
class BadInputTest {

    @Autowired
    WebTestClient http;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    @Test
    void aDealCommandSentToAContactIsNotFound(CapturedOutput output) {
        String contactId = createContact();
        long events = events();
        post("/api/v1/deals/" + contactId + "/stage", "{\"stage\":\"QUALIFIED\"}").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("Unknown id " + contactId);
        assertThat(events()).isEqualTo(events);
        assertThat(output.getAll()).doesNotContain("\tat org.axonframework");
    }

    @Test
    void aDealCommandSentToACallIsNotFound() {
        String contactId = createContact();
        String callId = id(post("/api/v1/calls", callBody(contactId, "\"durationSeconds\":5")).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        post("/api/v1/deals/" + callId + "/owner", "{\"ownerId\":\"m9\"}").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found");
    }

    @Test
    void anIdempotencyKeyLongerThanItsColumnIsABadRequest() {
        String contactId = createContact();
        long events = events();
        post("/api/v1/deals", dealBody(contactId)).header("Idempotency-Key", "k".repeat(400)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aLongPathIdCannotOverflowTheIdempotencyScope() {
        post("/api/v1/deals/" + "d".repeat(200) + "/stage", "{\"stage\":\"WON\"}")
                .header("Idempotency-Key", "k".repeat(128)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dealId");
    }

    @Test
    void aNumberForANameIsRefusedNotStoredAsText() {
        long events = events();
        post("/api/v1/contacts", "{\"name\":123,\"ownerId\":\"m1\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name")
                .jsonPath("$.errors[0].message").isEqualTo("must be a string");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aFractionalDurationIsRefusedNotTruncated() {
        String contactId = createContact();
        long events = events();
        post("/api/v1/calls", callBody(contactId, "\"durationSeconds\":1.5")).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("durationSeconds")
                .jsonPath("$.errors[0].message").isEqualTo("must be an integer");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void duplicateJsonKeysAreRefused() {
        post("/api/v1/contacts", "{\"name\":\"Anna\",\"ownerId\":\"m1\",\"ownerId\":\"m2\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("ownerId");
    }

    @Test
    void unknownPropertiesAreRefused() {
        post("/api/v1/contacts", "{\"name\":\"Anna\",\"ownerId\":\"m1\",\"owner\":\"m2\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("owner");
    }

    @Test
    void aNulCharacterInTextIsRefused() {
        post("/api/v1/contacts", "{\"name\":\"An\\u0000na\",\"ownerId\":\"m1\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("name");
    }

    @Test
    void aLoneSurrogateInTextIsRefused() {
        post("/api/v1/contacts", "{\"name\":\"Anna\",\"phones\":[\"\\ud83d\"],\"ownerId\":\"m1\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("phones[0]");
    }

    @Test
    void everyInvalidPhoneNumberIsNamedAndNothingIsStored() {
        long events = events();
        post("/api/v1/contacts", "{\"name\":\"Anna\",\"phones\":[\"+7 912 345 67 89\",\"12\",\"call me\"],"
                + "\"ownerId\":\"m1\"}").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("phones[1]")
                .jsonPath("$.errors[1].field").isEqualTo("phones[2]");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aTimeZoneMustBeAnIanaZoneId() {
        long events = events();
        for (String zone : List.of("+03:00", "Moscow", "Europe/Atlantis")) {
            post("/api/v1/contacts", "{\"name\":\"Anna\",\"ownerId\":\"m1\",\"timeZone\":\"" + zone + "\"}")
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectBody().jsonPath("$.errors[0].field").isEqualTo("timeZone");
        }
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void anEmptyIdempotencyKeyIsRefused() {
        post("/api/v1/contacts", contactBody()).header("Idempotency-Key", "").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Idempotency-Key");
    }

    @Test
    void a8KbCorrelationIdIsRefusedNotCopiedIntoEvents() {
        long events = events();
        post("/api/v1/contacts", contactBody()).header("X-Correlation-Id", "c".repeat(7 * 1024)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("X-Correlation-Id");
        assertThat(events()).isEqualTo(events);
    }

    @Test
    void aMalformedIfMatchIsRefused() {
        String dealId = id(post("/api/v1/deals", dealBody(createContact())).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        post("/api/v1/deals/" + dealId + "/stage", "{\"stage\":\"WON\"}").header("If-Match", "\"0").exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("If-Match");
    }

    @Test
    void aCallInTheFutureIsRefusedByTheModel() {
        String contactId = createContact();
        String future = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        post("/api/v1/calls", callBody(contactId, "\"durationSeconds\":5,\"occurredAt\":\"" + future + "\""))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("occurredAt");
    }

    @Test
    void aCallAboutAnUnknownDealNamesTheDeal() {
        String contactId = createContact();
        post("/api/v1/calls", callBody(contactId, "\"durationSeconds\":5,\"dealId\":\"" + contactId + "\""))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("dealId");
    }

    @Test
    void aCallAnswersItsIdAndVersion() {
        String contactId = createContact();
        post("/api/v1/calls", callBody(contactId, "\"durationSeconds\":5")).exchange()
                .expectStatus().isCreated()
                .expectBody()
                .jsonPath("$.id").isNotEmpty()
                .jsonPath("$.version").isEqualTo(0)
                .jsonPath("$.contactId").isEqualTo(contactId)
                .jsonPath("$.dealId").doesNotExist();
    }

    private long events() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
    }

    private String createContact() {
        return id(post("/api/v1/contacts", contactBody()).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
    }

    private String id(byte[] body) {
        return json.readTree(body).path("id").asString();
    }

    private static String contactBody() {
        return "{\"name\":\"Anna Petrova\",\"ownerId\":\"m1\"}";
    }

    private static String dealBody(String contactId) {
        return "{\"contactId\":\"" + contactId + "\",\"title\":\"Fleet renewal\","
                + "\"amount\":{\"value\":\"1500.00\",\"currency\":\"EUR\"},\"ownerId\":\"m1\"}";
    }

    private static String callBody(String contactId, String more) {
        return "{\"contactId\":\"" + contactId + "\",\"direction\":\"OUTBOUND\",\"outcome\":\"BUSY\"," + more + "}";
    }

    private WebTestClient.RequestHeadersSpec<?> post(String path, String body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .header("X-Request-Id", UUID.randomUUID().toString());
    }
}
