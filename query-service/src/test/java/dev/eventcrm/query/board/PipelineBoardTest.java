package dev.eventcrm.query.board;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import dev.eventcrm.query.deal.DealFixtures;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import static dev.eventcrm.query.pipeline.PipelineFixtures.pipeline;
import static dev.eventcrm.query.pipeline.PipelineFixtures.stage;

/** The board's totals are checked against sums done by hand. */
class PipelineBoardTest extends QueryServiceIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private String pipelineId;

    @BeforeEach
    void pipelineWithDeals() {
        pipelineId = "board-" + UUID.randomUUID();
        insert("pipelines", pipeline(pipelineId, "Enterprise", 3, stage("LEAD", "Lead", 10, "OPEN"),
                stage("DEMO", "Demo", 40, "OPEN"), stage("WON", "Won", 100, "WON"), stage("LOST", "Lost", 0, "LOST")));
        insert("deals", deal(pipelineId, "lead-eur-1", "LEAD", "1000.00", "EUR", 1));
        insert("deals", deal(pipelineId, "lead-eur-2", "LEAD", "250.50", "EUR", 3));
        insert("deals", deal(pipelineId, "lead-usd", "LEAD", "99.99", "USD", 2));
        insert("deals", deal(pipelineId, "demo-eur", "DEMO", "333.33", "EUR", 1));
        insert("deals", deal(pipelineId, "demo-usd", "DEMO", "12.34", "USD", 5));
        // the same stage id in another pipeline is another column
        insert("deals", deal("other-" + pipelineId, "elsewhere", "LEAD", "5000.00", "EUR", 9));
    }

    /** A deal of the pipeline, last updated {@code minutes} after T0. */
    private Document deal(String pipeline, String name, String stage, String amount, String currency, int minutes) {
        String id = pipelineId + "-" + name;
        return DealFixtures.deal(id, stage, "owner-1", 1)
                .append("pipelineId", pipeline)
                .append("amount", new Document("value", amount).append("currency", currency))
                .append("updatedAt", Date.from(T0.plusSeconds(60L * minutes)));
    }

    @Test
    void everyStageInOrderWithCountsTotalsPerCurrencyAndWeightedAmounts() {
        client.get().uri("/api/v1/pipelines/{id}/board", pipelineId).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.pipelineId").isEqualTo(pipelineId)
                .jsonPath("$.stages[*].stage").isEqualTo(List.of("LEAD", "DEMO", "WON", "LOST"))
                .jsonPath("$.stages[0].name").isEqualTo("Lead")
                .jsonPath("$.stages[0].probability").isEqualTo(10)
                .jsonPath("$.stages[0].count").isEqualTo(3)
                // EUR 1000.00 + 250.50 = 1250.50, at 10 %: 125.05; USD 99.99 at 10 %: 9.999 -> 10.00
                .jsonPath("$.stages[0].totals.length()").isEqualTo(2)
                .jsonPath("$.stages[0].totals[0].currency").isEqualTo("EUR")
                .jsonPath("$.stages[0].totals[0].amount").isEqualTo("1250.50")
                .jsonPath("$.stages[0].totals[0].weighted").isEqualTo("125.05")
                .jsonPath("$.stages[0].totals[1].currency").isEqualTo("USD")
                .jsonPath("$.stages[0].totals[1].amount").isEqualTo("99.99")
                .jsonPath("$.stages[0].totals[1].weighted").isEqualTo("10.00")
                .jsonPath("$.stages[0].deals[*].id").isEqualTo(List.of(pipelineId + "-lead-eur-2",
                        pipelineId + "-lead-usd", pipelineId + "-lead-eur-1"))
                .jsonPath("$.stages[0].deals[0].amount.value").isEqualTo("250.50")
                .jsonPath("$.stages[0].deals[0].stage").isEqualTo("LEAD")
                .jsonPath("$.stages[0].deals[0].updatedAt").isEqualTo("2026-11-20T10:03:00.000Z")
                .jsonPath("$.stages[0].deals[0].applied").doesNotExist()
                // EUR 333.33 at 40 %: 133.332 -> 133.33; USD 12.34 at 40 %: 4.936 -> 4.94
                .jsonPath("$.stages[1].count").isEqualTo(2)
                .jsonPath("$.stages[1].totals[0].amount").isEqualTo("333.33")
                .jsonPath("$.stages[1].totals[0].weighted").isEqualTo("133.33")
                .jsonPath("$.stages[1].totals[1].amount").isEqualTo("12.34")
                .jsonPath("$.stages[1].totals[1].weighted").isEqualTo("4.94")
                .jsonPath("$.stages[1].deals[*].id").isEqualTo(List.of(pipelineId + "-demo-usd",
                        pipelineId + "-demo-eur"))
                .jsonPath("$.stages[2].name").isEqualTo("Won")
                .jsonPath("$.stages[2].probability").isEqualTo(100)
                .jsonPath("$.stages[2].count").isEqualTo(0)
                .jsonPath("$.stages[2].totals").isEmpty()
                .jsonPath("$.stages[2].deals").isEmpty()
                .jsonPath("$.stages[3].count").isEqualTo(0);
    }

    @Test
    void dealsPerStageCapsTheCardsButNotTheCountOrTotals() {
        client.get().uri("/api/v1/pipelines/{id}/board?dealsPerStage=2", pipelineId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.stages[0].count").isEqualTo(3)
                .jsonPath("$.stages[0].totals[0].amount").isEqualTo("1250.50")
                .jsonPath("$.stages[0].deals[*].id").isEqualTo(List.of(pipelineId + "-lead-eur-2",
                        pipelineId + "-lead-usd"))
                .jsonPath("$.stages[1].deals.length()").isEqualTo(2);
        client.get().uri("/api/v1/pipelines/{id}/board?dealsPerStage=1", pipelineId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.stages[0].count").isEqualTo(3)
                .jsonPath("$.stages[0].deals[*].id").isEqualTo(List.of(pipelineId + "-lead-eur-2"))
                .jsonPath("$.stages[1].count").isEqualTo(2)
                .jsonPath("$.stages[1].deals[*].id").isEqualTo(List.of(pipelineId + "-demo-usd"));
    }

    @Test
    void dealsInAStageThePipelineNoLongerHasFollowItsStagesWithoutAName() {
        insert("deals", deal(pipelineId, "orphan", "RETIRED", "70.00", "EUR", 4));

        client.get().uri("/api/v1/pipelines/{id}/board", pipelineId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.stages[*].stage").isEqualTo(List.of("LEAD", "DEMO", "WON", "LOST", "RETIRED"))
                .jsonPath("$.stages[4].name").isEmpty()
                .jsonPath("$.stages[4].probability").isEqualTo(0)
                .jsonPath("$.stages[4].count").isEqualTo(1)
                .jsonPath("$.stages[4].totals[0].amount").isEqualTo("70.00")
                .jsonPath("$.stages[4].totals[0].weighted").isEqualTo("0.00")
                .jsonPath("$.stages[4].deals[0].id").isEqualTo(pipelineId + "-orphan");
    }

    @Test
    void theDefaultPipelineHasTheBuiltInStagesUntilItsCreationIsProjected() {
        client.get().uri("/api/v1/pipelines/default/board").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.stages[*].stage").isEqualTo(List.of("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION",
                        "WON", "LOST"))
                .jsonPath("$.stages[1].probability").isEqualTo(25);
    }

    @Test
    void unknownPipelineIsNotFoundProblem() {
        client.get().uri("/api/v1/pipelines/{id}/board", "no-such-pipeline").exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/not-found")
                .jsonPath("$.detail").isEqualTo("Pipeline no-such-pipeline does not exist");
    }

    @Test
    void dealsPerStageOutOfRangeOrNotANumberIsValidationFailureNamingIt() {
        for (String bad : List.of("0", "501", "-1", "many", "2.5")) {
            client.get().uri("/api/v1/pipelines/{id}/board?dealsPerStage={n}", pipelineId, bad).exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type").isEqualTo("https://eventcrm.dev/problems/validation-failed")
                    .jsonPath("$.errors[0].field").isEqualTo("dealsPerStage");
        }
        client.get().uri("/api/v1/pipelines/{id}/board?dealsPerStage=500", pipelineId).exchange()
                .expectStatus().isOk();
    }
}
