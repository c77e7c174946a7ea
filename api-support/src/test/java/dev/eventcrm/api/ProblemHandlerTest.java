package dev.eventcrm.api;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

@SpringBootTest(classes = ProblemHandlerTest.TestApp.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
class ProblemHandlerTest {

    @Autowired
    ApplicationContext context;

    WebTestClient client;

    @BeforeEach
    void client() {
        client = WebTestClient.bindToApplicationContext(context).build();
    }

    @Test
    void notFoundBecomesProblemWithTypeTitleStatusDetailAndInstance() {
        client.get().uri("/test/things/t-42").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found")
                .jsonPath("$.title").isEqualTo("Not found")
                .jsonPath("$.status").isEqualTo(404)
                .jsonPath("$.detail").isEqualTo("Thing t-42 does not exist")
                .jsonPath("$.instance").isEqualTo("/test/things/t-42")
                .jsonPath("$.errors").doesNotExist();
    }

    @Test
    void conflictAndUnprocessableCarryTheirSlug() {
        client.get().uri("/test/conflict").exchange()
                .expectStatus().isEqualTo(HttpStatus.CONFLICT)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/stage-unchanged")
                .jsonPath("$.title").isEqualTo("Stage unchanged")
                .jsonPath("$.detail").isEqualTo("Deal is already in stage WON");
        client.get().uri("/test/unprocessable").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/deal-closed")
                .jsonPath("$.status").isEqualTo(422);
    }

    @Test
    void customStatusFactoryKeepsStatusSlugAndTitle() {
        client.get().uri("/test/custom").exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/read-model-behind")
                .jsonPath("$.title").isEqualTo("Read model behind")
                .jsonPath("$.detail").isEqualTo("at version 3");
    }

    @Test
    void invalidWithFieldErrorsListsThemAll() {
        client.get().uri("/test/invalid").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("limit")
                .jsonPath("$.errors[0].message").isEqualTo("must be at most 200")
                .jsonPath("$.errors[1].field").isEqualTo("cursor");
    }

    @Test
    void beanValidationFailureGivesOneErrorPerField() {
        post("{\"subject\":\" \",\"outcome\":\"CONNECTED\",\"durationSeconds\":-5}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                .jsonPath("$.errors.length()").isEqualTo(2)
                .jsonPath("$.errors[0].field").isEqualTo("durationSeconds")
                .jsonPath("$.errors[0].message").isEqualTo("must be greater than 0")
                .jsonPath("$.errors[1].field").isEqualTo("subject");
    }

    @Test
    void validBodyPassesThrough() {
        post("{\"subject\":\"Intro\",\"outcome\":\"NO_ANSWER\",\"durationSeconds\":30}")
                .expectStatus().isOk()
                .expectBody().jsonPath("$.outcome").isEqualTo("NO_ANSWER");
    }

    @Test
    void malformedJsonIsBadRequestNotServerError() {
        post("{\"subject\": \"Intro\", \"outcome\": ")
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/malformed-request")
                .jsonPath("$.status").isEqualTo(400);
        post("not json at all")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/malformed-request");
    }

    @Test
    void unknownEnumValueNamesTheField() {
        post("{\"subject\":\"Intro\",\"outcome\":\"EXPLODED\",\"durationSeconds\":30}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/malformed-request")
                .jsonPath("$.errors[0].field").isEqualTo("outcome")
                .jsonPath("$.errors[0].message").isEqualTo("must be one of [CONNECTED, NO_ANSWER]")
                .jsonPath("$.detail").value(not(containsString("dev.eventcrm")));
    }

    @Test
    void stringWhereNumberExpectedNamesTheField() {
        post("{\"subject\":\"Intro\",\"outcome\":\"CONNECTED\",\"durationSeconds\":\"long\"}")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/malformed-request")
                .jsonPath("$.errors[0].field").isEqualTo("durationSeconds")
                .jsonPath("$.errors[0].message").isEqualTo("must be an integer");
    }

    @Test
    void nestedTypeMismatchNamesTheJsonPath() {
        post("{\"subject\":\"Intro\",\"outcome\":\"CONNECTED\",\"durationSeconds\":3,\"tags\":[{\"weight\":\"x\"}]}")
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("tags[0].weight");
    }

    @Test
    void missingBodyIsBadRequest() {
        client.post().uri("/test/calls").contentType(MediaType.APPLICATION_JSON).exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/malformed-request")
                .jsonPath("$.detail").isEqualTo("A request body is required");
    }

    @Test
    void unsupportedContentTypeIs415() {
        client.post().uri("/test/calls").contentType(MediaType.TEXT_PLAIN).bodyValue("hello").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/unsupported-media-type")
                .jsonPath("$.status").isEqualTo(415);
    }

    @Test
    void unacceptableAcceptHeaderIs406() {
        client.get().uri("/test/json-only").accept(MediaType.APPLICATION_XML).exchange()
                .expectStatus().isEqualTo(HttpStatus.NOT_ACCEPTABLE)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-acceptable");
    }

    @Test
    void wrongMethodIs405() {
        client.delete().uri("/test/calls").exchange()
                .expectStatus().isEqualTo(HttpStatus.METHOD_NOT_ALLOWED)
                .expectHeader().exists("Allow")
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/method-not-allowed");
    }

    @Test
    void unknownPathIs404Problem() {
        client.get().uri("/nowhere").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found");
    }

    @Test
    void queryParameterOfWrongTypeNamesTheParameter() {
        client.get().uri("/test/numbers?n=ten").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/malformed-request")
                .jsonPath("$.errors[0].field").isEqualTo("n")
                .jsonPath("$.errors[0].message").isEqualTo("must be an integer");
    }

    @Test
    void missingOrConstraintViolatingQueryParameterIsValidationFailure() {
        client.get().uri("/test/numbers").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("n");
        client.get().uri("/test/numbers?n=0").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                .jsonPath("$.errors[0].field").isEqualTo("n")
                .jsonPath("$.errors[0].message").isEqualTo("must be greater than or equal to 1");
    }

    @Test
    void responseStatusExceptionKeepsItsStatus() {
        client.get().uri("/test/unavailable").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/service-unavailable")
                .jsonPath("$.detail").isEqualTo("maintenance");
    }

    @Test
    void unexpectedExceptionIsGeneric500WithoutInternals() {
        client.get().uri("/test/boom").exchange()
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/internal-error")
                .jsonPath("$.detail").isEqualTo("The server failed to handle the request");
    }

    @Test
    void apiExceptionWrappedByAnotherExceptionStillRendersAsItself() {
        client.get().uri("/test/wrapped").exchange()
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("inner");
    }

    private WebTestClient.ResponseSpec post(String json) {
        return client.post().uri("/test/calls").contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange();
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({ApiSupportConfiguration.class, TestController.class})
    static class TestApp {
    }

    enum Outcome { CONNECTED, NO_ANSWER }

    record Tag(String name, double weight) {
    }

    record CallRequest(@NotBlank String subject, @NotNull Outcome outcome, @NotNull @Positive Integer durationSeconds,
                       List<Tag> tags) {
    }

    @RestController
    @RequestMapping("/test")
    static class TestController {

        @PostMapping("/calls")
        Mono<CallRequest> create(@Valid @RequestBody CallRequest request) {
            return Mono.just(request);
        }

        @GetMapping("/things/{id}")
        Mono<String> thing(@PathVariable String id) {
            return Mono.error(ApiException.notFound("Thing " + id + " does not exist"));
        }

        @GetMapping("/conflict")
        Mono<String> conflict() {
            throw ApiException.conflict("stage-unchanged", "Deal is already in stage WON");
        }

        @GetMapping("/unprocessable")
        Mono<String> unprocessable() {
            throw ApiException.unprocessable("deal-closed", "Deal is closed");
        }

        @GetMapping("/custom")
        Mono<String> custom() {
            throw ApiException.of(HttpStatus.GATEWAY_TIMEOUT, "read-model-behind", "Read model behind", "at version 3");
        }

        @GetMapping("/invalid")
        Mono<String> invalid() {
            throw ApiException.invalid(List.of(new ApiException.FieldError("limit", "must be at most 200"),
                    new ApiException.FieldError("cursor", "is malformed")));
        }

        @GetMapping(path = "/json-only", produces = MediaType.APPLICATION_JSON_VALUE)
        Mono<String> jsonOnly() {
            return Mono.just("{}");
        }

        @GetMapping("/numbers")
        Mono<Integer> numbers(@RequestParam @Min(1) int n) {
            return Mono.just(n);
        }

        @GetMapping("/unavailable")
        Mono<String> unavailable() {
            return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "maintenance"));
        }

        @GetMapping("/boom")
        Mono<String> boom() {
            return Mono.error(new IllegalStateException("secret internal state"));
        }

        @GetMapping("/wrapped")
        Mono<String> wrapped() {
            return Mono.error(new IllegalStateException("wrapper", ApiException.notFound("inner")));
        }
    }
}
