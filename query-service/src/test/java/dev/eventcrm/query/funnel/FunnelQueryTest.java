package dev.eventcrm.query.funnel;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import dev.eventcrm.query.QueryServiceIntegrationTest;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

import static dev.eventcrm.query.pipeline.PipelineFixtures.pipeline;
import static dev.eventcrm.query.pipeline.PipelineFixtures.stage;

/** The endpoint over stored facts: the cohort's bounds in the installation's zone, the shape, and its 400s. */
class FunnelQueryTest extends QueryServiceIntegrationTest {

    // the tests' installation zone is Asia/Vladivostok (UTC+10): 2026-03-01 starts at 2026-02-28T14:00Z
    private static final Instant MARCH_1 = Instant.parse("2026-02-28T14:00:00Z");

    private String pipelineId;

    @BeforeEach
    void pipelineWithFacts() {
        pipelineId = "funnel-" + UUID.randomUUID();
        insert("pipelines", pipeline(pipelineId, "Funnel", 1, stage("LEAD", "Lead", 10, "OPEN"),
                stage("DEMO", "Demo", 40, "OPEN"), stage("WON", "Won", 100, "WON"), stage("LOST", "Lost", 0, "LOST")));
        // won: LEAD 1 h, DEMO 2 h, won for 150.00 EUR one day after opening
        store(facts("won", MARCH_1, "WON", "WON", "anna", null, null,
                stay("LEAD", "OPEN", 0, 60), stay("DEMO", "OPEN", 60, 180), stay("WON", "WON", 1440, -1)));
        // lost in LEAD after 30 minutes, for "price"
        store(facts("lost", MARCH_1.plusSeconds(3600), "LOST", "LOST", "boris", "LEAD", "price",
                stay("LEAD", "OPEN", 60, 90), stay("LOST", "LOST", 90, -1)));
        // opened a second before the cohort: not counted
        store(facts("before", MARCH_1.minusSeconds(1), "LEAD", "OPEN", "anna", null, null,
                stay("LEAD", "OPEN", 0, -1)));
    }

    private Document facts(String name, Instant openedAt, String stage, String status, String owner, String lossStage,
                           String lossReason, Document... stays) {
        boolean closed = !"OPEN".equals(status);
        return new Document("_id", pipelineId + "-" + name).append("pipelineId", pipelineId)
                .append("openedAt", Date.from(openedAt)).append("ownerAtOpening", owner).append("source", "web")
                .append("amount", new Document("value", "150.00").append("currency", "EUR"))
                .append("stage", stage).append("status", status)
                .append("closedAt", closed ? Date.from(MARCH_1.plusSeconds(86_400)) : null)
                .append("lossStage", lossStage).append("lossReason", lossReason).append("stays", List.of(stays))
                .append("version", 0L);
    }

    /** As the projections' runner does: the document, then the change feed's entry for the deal's event. */
    private void store(Document facts) {
        insert("deal_funnel", facts);
        changed("DealOpened", facts.getString("_id"), facts.getLong("version"));
    }

    private void changed(String type, String dealId, long sequence) {
        changed(type, "Deal", dealId, sequence);
    }

    /** A stay from {@code in} to {@code out} minutes after March 1 (out < 0: still in it), entered once. */
    private static Document stay(String stage, String kind, int in, int out) {
        return new Document("stage", stage).append("kind", kind)
                .append("enteredAt", Date.from(MARCH_1.plusSeconds(60L * in)))
                .append("exitedAt", out < 0 ? null : Date.from(MARCH_1.plusSeconds(60L * out)))
                .append("completedMillis", out < 0 ? 0L : 60_000L * (out - in));
    }

    @Test
    void theCohortOfTheGivenDaysInTheInstallationsZoneInTheIssuesShape() {
        client.get().uri("/api/v1/reports/funnel?pipelineId={p}&from=2026-03-01&to=2026-03-02", pipelineId)
                .exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.pipelineId").isEqualTo(pipelineId)
                .jsonPath("$.mode").isEqualTo("cumulative")
                .jsonPath("$.from").isEqualTo("2026-03-01")
                .jsonPath("$.to").isEqualTo("2026-03-02")
                .jsonPath("$.stages[*].stage").isEqualTo(List.of("LEAD", "DEMO"))
                .jsonPath("$.stages[0].reached").isEqualTo(2)
                .jsonPath("$.stages[0].conversionToNext").isEqualTo(0.5)
                .jsonPath("$.stages[0].lostHere").isEqualTo(1)
                .jsonPath("$.stages[0].lossReasons.price").isEqualTo(1)
                .jsonPath("$.stages[0].stillHere").isEqualTo(0)
                .jsonPath("$.stages[0].timeInStage.unit").isEqualTo("seconds")
                .jsonPath("$.stages[0].timeInStage.deals").isEqualTo(2)
                // 1800 s and 3600 s: the median is their mean, p90 the larger
                .jsonPath("$.stages[0].timeInStage.latest.median").isEqualTo(2700.0)
                .jsonPath("$.stages[0].timeInStage.latest.p90").isEqualTo(3600.0)
                .jsonPath("$.stages[0].timeInStage.cumulative.median").isEqualTo(2700.0)
                .jsonPath("$.stages[1].reached").isEqualTo(1)
                .jsonPath("$.stages[1].conversionToNext").isEqualTo(1.0)
                .jsonPath("$.stages[1].timeInStage.latest.median").isEqualTo(7200.0)
                .jsonPath("$.totals.deals").isEqualTo(2)
                .jsonPath("$.totals.won").isEqualTo(1)
                .jsonPath("$.totals.lost").isEqualTo(1)
                .jsonPath("$.totals.open").isEqualTo(0)
                .jsonPath("$.totals.winRate").isEqualTo(0.5)
                .jsonPath("$.totals.revenueWon.EUR").isEqualTo("150.00")
                .jsonPath("$.totals.avgWonAmount.EUR").isEqualTo("150.00")
                .jsonPath("$.totals.avgCycleDays").isEqualTo(1.0)
                .jsonPath("$.totals.medianCycleDays").isEqualTo(1.0);
    }

    @Test
    void ownerAndSourceNarrowTheCohort() {
        client.get().uri("/api/v1/reports/funnel?pipelineId={p}&from=2026-02-01&to=2026-04-01&ownerId=anna&mode=strict",
                        pipelineId).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.mode").isEqualTo("strict")
                .jsonPath("$.totals.deals").isEqualTo(2) // "won" and "before"
                .jsonPath("$.stages[0].stillHere").isEqualTo(1);
        client.get().uri("/api/v1/reports/funnel?pipelineId={p}&from=2026-02-01&to=2026-04-01&source=ads", pipelineId)
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.totals.deals").isEqualTo(0)
                .jsonPath("$.totals.winRate").isEmpty()
                .jsonPath("$.stages[0].conversionToNext").isEmpty();
    }

    @Test
    void aCountedCohortAnswersEachRequestAtItsOwnNowUntilTheChangeFeedNamesAChangedDeal() {
        String uri = "/api/v1/reports/funnel?pipelineId={p}&from=2026-03-01&to=2026-03-02";
        clock.set(MARCH_1.plusSeconds(3 * 3600));
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.totals.deals").isEqualTo(2);

        // in LEAD since 2 h after March 1: a fact the projection wrote, in a batch whose changes are not yet published
        Document late = facts("late", MARCH_1.plusSeconds(7200), "LEAD", "OPEN", "anna", null, null,
                stay("LEAD", "OPEN", 120, -1));
        insert("deal_funnel", late);
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.totals.deals").isEqualTo(2);

        changed("DealOpened", late.getString("_id"), 0);
        client.get().uri(uri, pipelineId).exchange().expectBody()
                .jsonPath("$.totals.deals").isEqualTo(3)
                .jsonPath("$.stages[0].stillHere").isEqualTo(1)
                // 1800 s, 3600 s and the going stay's 3600 s at 3 h after March 1
                .jsonPath("$.stages[0].timeInStage.latest.p90").isEqualTo(3600.0);
        clock.set(MARCH_1.plusSeconds(4 * 3600));
        client.get().uri(uri, pipelineId).exchange().expectBody()
                .jsonPath("$.totals.deals").isEqualTo(3)
                .jsonPath("$.stages[0].timeInStage.latest.p90").isEqualTo(7200.0);
    }

    @Test
    void aDealWhoseDocumentDoesNotYetShowItsChangeIsReadAgainUntilItDoes() {
        String uri = "/api/v1/reports/funnel?pipelineId={p}&from=2026-03-01&to=2026-03-02";
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.stages[1].reached").isEqualTo(1);

        // the lost deal's reopening into DEMO, published before its document shows it (sequence 2, document at 0)
        changed("DealReopened", pipelineId + "-lost", 2);
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.stages[1].reached").isEqualTo(1);

        set("deal_funnel", pipelineId + "-lost", new Document("version", 2L).append("stage", "DEMO")
                .append("status", "OPEN").append("lossStage", null).append("lossReason", null)
                .append("stays", List.of(stay("LEAD", "OPEN", 60, 90), stay("LOST", "LOST", 90, 100),
                        stay("DEMO", "OPEN", 100, -1))));
        client.get().uri(uri, pipelineId).exchange().expectBody()
                .jsonPath("$.stages[1].reached").isEqualTo(2)
                .jsonPath("$.stages[1].stillHere").isEqualTo(1)
                .jsonPath("$.totals.lost").isEqualTo(0);
    }

    @Test
    void aDealMovedToAnotherPipelineLeavesTheFirstOnesCohort() {
        String uri = "/api/v1/reports/funnel?pipelineId={p}&from=2026-03-01&to=2026-03-02";
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.totals.deals").isEqualTo(2);

        set("deal_funnel", pipelineId + "-won", new Document("version", 1L).append("pipelineId", "elsewhere"));
        changed("DealStageMoved", pipelineId + "-won", 1);
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.totals.deals").isEqualTo(1);
    }

    @Test
    void aRebuildsSwitchOverLoadsEveryDealAgain() {
        String uri = "/api/v1/reports/funnel?pipelineId={p}&from=2026-03-01&to=2026-03-02&mode=strict";
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.totals.deals").isEqualTo(2);
        // written by the rebuild into the collection that took the live one's place: no change of the feed names it
        insert("deal_funnel", facts("rebuilt", MARCH_1.plusSeconds(60), "LEAD", "OPEN", "anna", null, null,
                stay("LEAD", "OPEN", 1, -1)));
        Date now = new Date();
        Mono.from(database.getCollection("projection_catalog").updateOne(new Document("_id", "deal-funnel"),
                new Document("$set", new Document("state", "LIVE").append("version", 1)
                        .append("rebuild", new Document("eventsDone", 1L).append("startedAt", now)
                                .append("finishedAt", now).append("id", UUID.randomUUID().toString()))),
                new UpdateOptions().upsert(true))).block(TIMEOUT);
        client.get().uri(uri, pipelineId).exchange().expectBody().jsonPath("$.totals.deals").isEqualTo(3);
    }

    @Test
    void badParametersAre400sNamingThem() {
        expectInvalid("/api/v1/reports/funnel?to=2026-03-02", "from");
        expectInvalid("/api/v1/reports/funnel?from=2026-03-01", "to");
        expectInvalid("/api/v1/reports/funnel?from=2026-13-01&to=2026-03-02", "from");
        expectInvalid("/api/v1/reports/funnel?from=2026-03-02&to=2026-03-02", "to");
        expectInvalid("/api/v1/reports/funnel?from=2026-03-01&to=2026-03-02&mode=loose", "mode");
    }

    @Test
    void anUnknownPipelineIs404() {
        client.get().uri("/api/v1/reports/funnel?pipelineId=nope-{id}&from=2026-03-01&to=2026-03-02", UUID.randomUUID())
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }

    private void expectInvalid(String uri, String parameter) {
        client.get().uri(uri).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field").isEqualTo(parameter);
    }
}
