package dev.eventcrm.query.deal;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import static dev.eventcrm.query.deal.DealFixtures.deal;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

class DealQueryTest extends QueryServiceIntegrationTest {

    @Test
    void returnsTheDealWithoutInternalFieldsAndWithIsoDatesAndStringAmount() {
        String id = "deal-" + UUID.randomUUID();
        insert("deals", deal(id, "QUALIFIED", "owner-1", 3));

        client.get().uri("/api/v1/deals/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$._id").doesNotExist()
                .jsonPath("$.applied").doesNotExist()
                .jsonPath("$.id").isEqualTo(id)
                .jsonPath("$.title").isEqualTo("Deal " + id)
                .jsonPath("$.contactId").isEqualTo("contact-" + id)
                .jsonPath("$.pipelineId").isEqualTo("sales")
                .jsonPath("$.stage").isEqualTo("QUALIFIED")
                .jsonPath("$.ownerId").isEqualTo("owner-1")
                .jsonPath("$.source").isEqualTo("web")
                .jsonPath("$.amount.value").isEqualTo("1500.00")
                .jsonPath("$.amount.currency").isEqualTo("EUR")
                .jsonPath("$.expectedCloseDate").isEqualTo("2026-12-31")
                .jsonPath("$.status").isEqualTo("OPEN")
                .jsonPath("$.lossReason").isEmpty()
                .jsonPath("$.lossComment").isEmpty()
                .jsonPath("$.regressions").isEqualTo(1)
                .jsonPath("$.closedAt").isEmpty()
                .jsonPath("$.stageHistory.length()").isEqualTo(2)
                .jsonPath("$.stageHistory[0].stage").isEqualTo("LEAD")
                .jsonPath("$.stageHistory[0].enteredAt").isEqualTo("2026-11-22T20:11:25.123Z")
                .jsonPath("$.stageHistory[0].exitedAt").isEqualTo("2026-11-23T08:00:00.000Z")
                .jsonPath("$.stageHistory[1].exitedAt").isEmpty()
                .jsonPath("$.callCount").isEqualTo(2)
                .jsonPath("$.lastCallOutcome").isEqualTo("CONNECTED")
                .jsonPath("$.lastCallAt").isEqualTo("2026-11-23T08:00:00.000Z")
                .jsonPath("$.openedAt").isEqualTo("2026-11-22T20:11:25.123Z")
                .jsonPath("$.version").isEqualTo(3);
    }

    @Test
    void aLostDealShowsItsReasonAndWhenItClosed() {
        String id = "deal-" + UUID.randomUUID();
        insert("deals", deal(id, "LOST", "owner-1", 4).append("status", "LOST").append("lossReason", "price")
                .append("lossComment", "too expensive").append("closedAt", Date.from(DealFixtures.UPDATED_AT)));

        client.get().uri("/api/v1/deals/{id}", id).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("LOST")
                .jsonPath("$.lossReason").isEqualTo("price")
                .jsonPath("$.lossComment").isEqualTo("too expensive")
                .jsonPath("$.closedAt").isEqualTo("2026-11-23T08:00:00.000Z");
    }

    @Test
    void theDealsVersionIsItsStrongEntityTagAndIsNotForCaching() {
        String id = "deal-" + UUID.randomUUID();
        insert("deals", deal(id, "QUALIFIED", "owner-1", 3));

        client.get().uri("/api/v1/deals/{id}", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"")
                .expectHeader().valueEquals("Cache-Control", "no-store");
        client.get().uri("/api/v1/deals/{id}?minVersion=3", id).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("ETag", "\"3\"");
    }

    @Test
    void unknownDealIsNotFoundProblem() {
        client.get().uri("/api/v1/deals/{id}", "deal-missing").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found")
                .jsonPath("$.instance").isEqualTo("/api/v1/deals/deal-missing");
    }

    @Test
    void minVersionAlreadyReachedAnswersAtOnce() {
        String id = "deal-" + UUID.randomUUID();
        insert("deals", deal(id, "LEAD", "owner-1", 4));

        client.get().uri("/api/v1/deals/{id}?minVersion=2", id).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.version").isEqualTo(4);
    }

    @Test
    void minVersionWaitsForTheReadModelToCatchUp() {
        String id = "deal-" + UUID.randomUUID();
        insert("deals", deal(id, "LEAD", "owner-1", 0));

        CompletableFuture<Map<String, Object>> response = WebClient.create("http://127.0.0.1:" + port)
                .get().uri("/api/v1/deals/{id}?minVersion=1", id)
                .retrieve().bodyToMono(new ParameterizedTypeReference<Map<String, Object>>() { })
                .toFuture();
        // Still waiting while the projection has not applied version 1.
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !response.isDone());

        set("deals", id, new Document("stage", "QUALIFIED").append("version", 1L));

        await().atMost(TIMEOUT).until(response::isDone);
        assertThat(response.join()).containsEntry("version", 1).containsEntry("stage", "QUALIFIED");
    }

    @Test
    void minVersionNotReachedInTimeIsGatewayTimeoutWithCurrentVersion() {
        String id = "deal-" + UUID.randomUUID();
        insert("deals", deal(id, "LEAD", "owner-1", 2));

        client.get().uri("/api/v1/deals/{id}?minVersion=5", id).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/read-model-behind")
                .jsonPath("$.detail").value(containsString("version 2"));
    }

    @Test
    void minVersionForADealNotYetProjectedIsGatewayTimeout() {
        client.get().uri("/api/v1/deals/{id}?minVersion=0", "deal-" + UUID.randomUUID()).exchange()
                .expectStatus().isEqualTo(HttpStatus.GATEWAY_TIMEOUT)
                .expectBody().jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/read-model-behind");
    }

    @Test
    void negativeOrNonNumericMinVersionIsValidationFailure() {
        for (String bad : new String[] {"-1", "abc", "1.5"}) {
            client.get().uri("/api/v1/deals/{id}?minVersion={v}", "deal-x", bad).exchange()
                    .expectStatus().isBadRequest()
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                    .jsonPath("$.errors[0].field").isEqualTo("minVersion");
        }
    }
}
