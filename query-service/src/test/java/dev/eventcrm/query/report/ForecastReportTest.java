package dev.eventcrm.query.report;

import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealOpened;
import dev.eventcrm.events.deal.DealOwnerAssigned;
import dev.eventcrm.events.deal.DealStageMoved;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.dealfacts.DealFactsProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.MediaType;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static dev.eventcrm.query.pipeline.PipelineFixtures.pipeline;
import static dev.eventcrm.query.pipeline.PipelineFixtures.stage;
import static dev.eventcrm.query.funnel.FunnelEvents.event;

/**
 * A small team's forecast, folded by the projections' deal facts into the month buckets the report reads, every
 * number worked out by hand. The installation's zone in these tests is
 * Asia/Vladivostok (UTC+10): "now" is 2026-03-31T15:00Z, already 1 April there, so the current month is 2026-04.
 */
class ForecastReportTest extends QueryServiceIntegrationTest {
    private static final Instant NOW = Instant.parse("2026-03-31T15:00:00Z");
    private static final Instant OPENED = Instant.parse("2026-03-01T00:00:00Z");

    private String pipelineId;

    @BeforeEach
    void team() {
        clock.set(NOW);
        pipelineId = "forecast-" + UUID.randomUUID();
        insert("pipelines", pipeline(pipelineId, "Enterprise", 1, stage("LEAD", "Lead", 10, "OPEN"),
                stage("DEMO", "Demo", 40, "OPEN"), stage("WON", "Won", 100, "WON"), stage("LOST", "Lost", 0, "LOST")));
        String p = pipelineId;
        List<ParsedEvent> events = new ArrayList<>();
        // April, u1: 1000.00 at 10 % = 100.00, and 250.50 at 40 % = 100.20
        events.add(opened(p + "-a1", p, "LEAD", "u1", "1000.00", "EUR", "2026-04-20"));
        events.add(opened(p + "-a2", p, "DEMO", "u1", "250.50", "EUR", "2026-04-05"));
        // April, u1: won 700.00 at 01:30 on 1 April in Vladivostok (still 31 March in UTC)
        // (won by u1, handed to u3 since: the win stays u1's, as wins count for the owner at the time)
        events.add(opened(p + "-w1", p, "LEAD", "u1", "700.00", "EUR", "2026-05-10"));
        events.add(closed(p + "-w1", p, StageKind.WON, Instant.parse("2026-03-31T15:30:00Z")));
        events.add(event(p + "-w1", 2, Instant.parse("2026-03-31T16:00:00Z"),
                new DealOwnerAssigned(p + "-w1", "u1", "u3")));
        // won at 23:00 on 31 March in Vladivostok: before the window
        events.add(opened(p + "-w2", p, "LEAD", "u2", "10.00", "USD", null));
        events.add(closed(p + "-w2", p, StageKind.WON, Instant.parse("2026-03-31T13:00:00Z")));
        events.add(opened(p + "-l1", p, "LEAD", "u1", "999.00", "EUR", "2026-04-10"));
        events.add(closed(p + "-l1", p, StageKind.LOST, Instant.parse("2026-04-02T00:00:00Z")));
        // May, u2: 99.99 USD at 40 % = 39.996, exact
        events.add(opened(p + "-a3", p, "DEMO", "u2", "99.99", "USD", "2026-05-31"));
        // May, u1: a stage the pipeline no longer has weighs 0, as on the board
        events.add(opened(p + "-a7", p, "GONE", "u1", "40.00", "EUR", "2026-05-02"));
        // June: after a 2-month window
        events.add(opened(p + "-a4", p, "LEAD", "u2", "500.00", "EUR", "2026-06-01"));
        // overdue, u1: 300.00 at 40 % = 120.00
        events.add(opened(p + "-a5", p, "DEMO", "u1", "300.00", "EUR", "2026-03-15"));
        // undated, u2: 80.00 at 10 % = 8.00
        events.add(opened(p + "-a6", p, "LEAD", "u2", "80.00", "EUR", null));
        events.add(opened(p + "-x1", "other-" + p, "LEAD", "u1", "5000.00", "EUR", "2026-04-01"));
        // The projections' deal facts and their month buckets, cut in the same installation zone as the service's.
        DealFactsProjection.create(database, FoldHarness.history(events), ZoneId.of("Asia/Vladivostok"), TIMEOUT)
                .applyBatch(events);
    }

    private static ParsedEvent opened(String id, String pipelineId, String stage, String ownerId, String amount,
                                      String currency, String closeDate) {
        return event(id, 0, OPENED, new DealOpened(id, "c-" + id, "Deal", new Money(new BigDecimal(amount), currency),
                ownerId, "web", pipelineId, stage, closeDate == null ? null : LocalDate.parse(closeDate)));
    }

    private static ParsedEvent closed(String id, String pipelineId, StageKind kind, Instant at) {
        return event(id, 1, at, new DealStageMoved(id, "LEAD", kind.name(), pipelineId, false, kind,
                kind == StageKind.LOST ? "price" : null, null));
    }

    @Test
    void perMonthAndOwnerOpenWeightedAndWonPerCurrency() {
        client.get().uri("/api/v1/reports/forecast?pipelineId={p}&months=2", pipelineId).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.pipelineId").isEqualTo(pipelineId)
                .jsonPath("$.timeZone").isEqualTo("Asia/Vladivostok")
                .jsonPath("$.from").isEqualTo("2026-04")
                .jsonPath("$.to").isEqualTo("2026-05")
                .jsonPath("$.months[*].month").isEqualTo(List.of("2026-04", "2026-05"))
                .jsonPath("$.months[0].owners.length()").isEqualTo(1)
                .jsonPath("$.months[0].owners[0].ownerId").isEqualTo("u1")
                .jsonPath("$.months[0].owners[0].openDeals").isEqualTo(2)
                .jsonPath("$.months[0].owners[0].wonDeals").isEqualTo(1)
                .jsonPath("$.months[0].owners[0].totals.length()").isEqualTo(1)
                .jsonPath("$.months[0].owners[0].totals[0].currency").isEqualTo("EUR")
                .jsonPath("$.months[0].owners[0].totals[0].open").isEqualTo("1250.50")
                .jsonPath("$.months[0].owners[0].totals[0].weighted").isEqualTo("200.20")
                .jsonPath("$.months[0].owners[0].totals[0].won").isEqualTo("700.00")
                .jsonPath("$.months[1].owners[*].ownerId").isEqualTo(List.of("u1", "u2"))
                .jsonPath("$.months[1].owners[0].totals[0].open").isEqualTo("40.00")
                .jsonPath("$.months[1].owners[0].totals[0].weighted").isEqualTo("0.00")
                .jsonPath("$.months[1].owners[0].totals[0].won").isEqualTo("0")
                .jsonPath("$.months[1].owners[1].openDeals").isEqualTo(1)
                .jsonPath("$.months[1].owners[1].totals[0].currency").isEqualTo("USD")
                .jsonPath("$.months[1].owners[1].totals[0].open").isEqualTo("99.99")
                .jsonPath("$.months[1].owners[1].totals[0].weighted").isEqualTo("39.996")
                .jsonPath("$.overdue.length()").isEqualTo(1)
                .jsonPath("$.overdue[0].ownerId").isEqualTo("u1")
                .jsonPath("$.overdue[0].totals[0].open").isEqualTo("300.00")
                .jsonPath("$.overdue[0].totals[0].weighted").isEqualTo("120.00")
                .jsonPath("$.undated.length()").isEqualTo(1)
                .jsonPath("$.undated[0].ownerId").isEqualTo("u2")
                .jsonPath("$.undated[0].totals[0].open").isEqualTo("80.00")
                .jsonPath("$.undated[0].totals[0].weighted").isEqualTo("8.00");
    }

    @Test
    void threeMonthsByDefaultAndTheJuneDealInAWiderWindow() {
        client.get().uri("/api/v1/reports/forecast?pipelineId={p}", pipelineId).exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.months[*].month").isEqualTo(List.of("2026-04", "2026-05", "2026-06"))
                .jsonPath("$.months[2].owners[0].ownerId").isEqualTo("u2")
                .jsonPath("$.months[2].owners[0].totals[0].open").isEqualTo("500.00")
                .jsonPath("$.months[2].owners[0].totals[0].weighted").isEqualTo("50.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "25", "three", "1.5"})
    void monthsMustBeAPositiveIntegerWithinTheBound(String months) {
        client.get().uri("/api/v1/reports/forecast?pipelineId={p}&months={m}", pipelineId, months).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo("months");
    }

    @Test
    void anUnknownPipelineIsNotFound() {
        client.get().uri("/api/v1/reports/forecast?pipelineId=nope-{p}", pipelineId).exchange()
                .expectStatus().isNotFound();
    }
}
