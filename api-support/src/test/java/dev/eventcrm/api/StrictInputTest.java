package dev.eventcrm.api;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Strict JSON binding, header rules and framework-level errors, over a real Netty server. */
@SpringBootTest(classes = StrictInputTest.TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class StrictInputTest {

    private static final String VALID = "{\"name\":\"Anna\",\"duration\":30,\"outcome\":\"BUSY\",\"phones\":[\"1\"],"
            + "\"amount\":\"12.50\"}";

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port).build();
    }

    @Test
    void aValidBodyBinds() {
        post(VALID).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Anna").jsonPath("$.amount").isEqualTo(12.50);
    }

    @Test
    void aNumberIsNotAString() {
        fieldError(VALID.replace("\"Anna\"", "123"), "name", "must be a string");
    }

    @Test
    void aFractionIsNotAnInteger() {
        fieldError(VALID.replace("30", "1.5"), "duration", "must be an integer");
    }

    @Test
    void aStringIsNotAnInteger() {
        fieldError(VALID.replace("30", "\"30\""), "duration", "must be an integer");
    }

    @Test
    void aBooleanIsNotAString() {
        fieldError(VALID.replace("\"Anna\"", "true"), "name", "must be a string");
    }

    @Test
    void anEnumIsNotANumber() {
        fieldError(VALID.replace("\"BUSY\"", "1"), "outcome", "must be one of [CONNECTED, BUSY]");
    }

    @Test
    void aDuplicateKeyIsRefused() {
        fieldError(VALID.replace("{\"name\":\"Anna\"", "{\"name\":\"Anna\",\"name\":\"Bob\""), "name",
                "appears more than once");
    }

    @Test
    void anUnknownPropertyIsRefused() {
        fieldError(VALID.replace("{", "{\"nmae\":\"typo\","), "nmae", "is not a known field");
    }

    @Test
    void aNulCharacterIsRefused() {
        fieldError(VALID.replace("Anna", "An\\u0000na"), "name", "must not contain NUL characters");
    }

    @Test
    void aLoneSurrogateIsRefusedInAListElementToo() {
        fieldError(VALID.replace("[\"1\"]", "[\"1\",\"\\ud800\"]"), "phones[1]",
                "must be well-formed Unicode (lone surrogate)");
        fieldError(VALID.replace("Anna", "\\udc00Anna"), "name", "must be well-formed Unicode (lone surrogate)");
    }

    @Test
    void aSurrogatePairIsText() {
        post(VALID.replace("Anna", "Anna \\ud83d\\ude00")).expectStatus().isOk()
                .expectBody().jsonPath("$.name").isEqualTo("Anna \uD83D\uDE00");
    }

    @Test
    void trailingTokensAreRefused() {
        post(VALID + "{}").expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBodyOverTheCodecLimitIs413Problem() {
        String huge = VALID.replace("Anna", "A".repeat(300 * 1024));
        post(huge).expectStatus().isEqualTo(413)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/content-too-large")
                .jsonPath("$.title").isEqualTo("Content too large");
    }

    @Test
    void anEmptyIdempotencyKeyIsRefused() {
        headerError("Idempotency-Key", "");
    }

    @Test
    void anIdempotencyKeyLongerThanItsColumnIsRefused() {
        headerError("Idempotency-Key", "k".repeat(RequestHeaderRules.IDEMPOTENCY_KEY_MAX + 1));
        client.post().uri("/strict/echo").contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "k".repeat(RequestHeaderRules.IDEMPOTENCY_KEY_MAX)).bodyValue(VALID)
                .exchange().expectStatus().isOk();
    }

    @Test
    void anIdempotencyKeyWithControlCharactersIsRefused() {
        headerError("Idempotency-Key", "key\tkey");
    }

    @Test
    void aLongCorrelationIdIsRefused() {
        headerError("X-Correlation-Id", "c".repeat(4 * 1024));
        headerError("X-Correlation-Id", "a b<script>");
    }

    @Test
    void aLongOrMalformedActorIdIsRefused() {
        headerError("X-Actor-Id", "u".repeat(101));
        headerError("X-Actor-Id", "user 1");
    }

    @Test
    void aMalformedIfMatchIsRefusedAndWellFormedOnesPass() {
        headerError("If-Match", "\"3");
        headerError("If-Match", "three");
        for (String ok : List.of("*", "\"3\"", "W/\"3\"", "3", "\"3\", \"4\"")) {
            client.post().uri("/strict/echo").contentType(MediaType.APPLICATION_JSON).header("If-Match", ok)
                    .bodyValue(VALID).exchange().expectStatus().isOk();
        }
    }

    @Test
    void aLongLastEventIdIsRefused() {
        client.get().uri("/strict/ping").header("Last-Event-ID", "9".repeat(65)).exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("Last-Event-ID");
    }

    @Test
    void aUriTooLongIs414Problem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/strict/ping?q=" + "x".repeat(10_000))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(414);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode body = json.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo("https://eventcrm.dev/problems/uri-too-long");
        assertThat(body.path("title").asString()).isEqualTo("Uri too long");
        assertThat(body.path("status").asInt()).isEqualTo(414);
    }

    @Test
    void headersTooLargeIs431Problem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/strict/ping"))
                .header("X-Padding", "p".repeat(20_000)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(431);
        assertThat(json.readTree(response.body()).path("status").asInt()).isEqualTo(431);
    }

    @Test
    void anUnknownPathIsA404ThatNamesNoInternalsAndLogsNoStackTrace(CapturedOutput output) {
        client.get().uri("/strict/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.title").isEqualTo("Not found")
                .jsonPath("$.detail").isEqualTo("Nothing is served at this path");
        assertThat(output.getAll()).doesNotContain("NoResourceFoundException").doesNotContain("\tat org.");
    }

    @Test
    void frameworkErrorsHaveSentenceCaseTitles() {
        client.delete().uri("/strict/echo").exchange()
                .expectStatus().isEqualTo(405)
                .expectBody().jsonPath("$.title").isEqualTo("Method not allowed");
        client.post().uri("/strict/echo").contentType(MediaType.TEXT_PLAIN).bodyValue("x").exchange()
                .expectStatus().isEqualTo(415)
                .expectBody().jsonPath("$.title").isEqualTo("Unsupported media type");
        client.get().uri("/strict/ping").accept(MediaType.APPLICATION_XML).exchange()
                .expectStatus().isEqualTo(406)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void fieldError(String body, String field, String message) {
        post(body).expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(field)
                .jsonPath("$.errors[0].message").isEqualTo(message);
    }

    private void headerError(String header, String value) {
        client.post().uri("/strict/echo").contentType(MediaType.APPLICATION_JSON).header(header, value)
                .bodyValue(VALID).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo(header);
    }

    private WebTestClient.ResponseSpec post(String body) {
        return client.post().uri("/strict/echo").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ApiSupportConfiguration.class, EchoController.class})
    static class TestApp {
    }

    enum Outcome { CONNECTED, BUSY }

    record Echo(@NotNull String name, Integer duration, Outcome outcome, List<String> phones, BigDecimal amount) {
    }

    @RestController
    static class EchoController {

        @PostMapping(path = "/strict/echo", produces = MediaType.APPLICATION_JSON_VALUE)
        Mono<Echo> echo(@Valid @RequestBody Echo echo) {
            return Mono.just(echo);
        }

        @GetMapping(path = "/strict/ping", produces = MediaType.APPLICATION_JSON_VALUE)
        Mono<String> ping() {
            return Mono.just("{}");
        }
    }
}
