package dev.eventcrm.query.report;

import com.mongodb.client.model.Filters;
import dev.eventcrm.projections.dealfacts.DealFactsProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.query.FoldHarness;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static dev.eventcrm.query.funnel.FunnelEvents.moved;
import static dev.eventcrm.query.funnel.FunnelEvents.opened;
import static dev.eventcrm.query.funnel.FunnelEvents.reopened;

/**
 * Two weeks of a small team's deals, folded by the projections' deal facts into the day buckets the report reads,
 * every number worked out by hand. The installation's zone in these tests is Asia/Vladivostok (UTC+10), so a day
 * there starts at 14:00Z the day before. The weeks: Mon 2030-03-04 .. Sun 03-10
 * and Mon 03-11 .. Sun 03-17; the range asked for is [2030-03-04, 2030-03-18).
 */
class DynamicsReportTest extends QueryServiceIntegrationTest {
    private static final List<String> IDS = List.of("dyn-d1", "dyn-d2", "dyn-d3", "dyn-d4", "dyn-d5", "dyn-d6");

    @BeforeEach
    void team() {
        Mono.from(database.getCollection("deal_facts").deleteMany(Filters.or(Filters.in("_id", IDS),
                Filters.eq("kind", "bucket")))).block(TIMEOUT);
        List<ParsedEvent> events = List.of(
                // d1: opened Mon 03-04 (10:30 local), moved Tue 03-05, won Mon 03-11 09:30 local (03-10 in UTC)
                opened("dyn-d1", "u1", "1000.00", "EUR", at("2030-03-04T00:30")),
                moved("dyn-d1", 1, "NEW", "QUALIFIED", null, at("2030-03-05T01:00")),
                moved("dyn-d1", 2, "QUALIFIED", "WON", null, at("2030-03-10T23:30")),
                // d2: opened 01:00 local on Mon 03-04 (still Sunday in UTC), lost Wed 03-06
                opened("dyn-d2", "u1", "50.00", "EUR", at("2030-03-03T15:00")),
                moved("dyn-d2", 1, "NEW", "LOST", "price", at("2030-03-06T02:00")),
                // d3: opened Sun 03-03 23:00 local (before the range), won Thu 03-07, reopened Fri 03-08: two moves
                opened("dyn-d3", "u1", "70.00", "EUR", at("2030-03-03T13:00")),
                moved("dyn-d3", 1, "NEW", "WON", null, at("2030-03-07T00:00")),
                reopened("dyn-d3", 2, "WON", "PROPOSAL", at("2030-03-08T00:00")),
                // d4: opened Tue 03-12, won Mon 03-18 at 00:30 local (after the range): opened only
                opened("dyn-d4", "u1", "5.00", "USD", at("2030-03-12T00:00")),
                moved("dyn-d4", 1, "NEW", "WON", null, at("2030-03-17T14:30")),
                // d5: opened Wed 03-13, won Thu 03-14 with 250.25 USD
                opened("dyn-d5", "u1", "250.25", "USD", at("2030-03-13T00:00")),
                moved("dyn-d5", 1, "NEW", "WON", null, at("2030-03-14T00:00")),
                // d6: all in February
                opened("dyn-d6", "u1", "1.00", "EUR", at("2030-02-01T00:00")),
                moved("dyn-d6", 1, "NEW", "WON", null, at("2030-02-02T00:00")));
        // The projections' deal facts, cut in the same installation zone as the service's.
        DealFactsProjection.create(database, FoldHarness.history(events), ZoneId.of("Asia/Vladivostok"), TIMEOUT)
                .applyBatch(events);
    }

    private static Instant at(String utc) {
        return Instant.parse(utc + ":00Z");
    }

    @Test
    void weeksStartOnMondayAndCountTheDaysOfTheInstallationZone() {
        client.get().uri("/api/v1/reports/dynamics?granularity=week&from=2030-03-04&to=2030-03-18").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.granularity").isEqualTo("week")
                .jsonPath("$.timeZone").isEqualTo("Asia/Vladivostok")
                .jsonPath("$.periods[*].period").isEqualTo(List.of("2030-03-04", "2030-03-11"))
                // week 1: opened d1, d2; lost d2; moves d1 (03-05), d2 (03-06), d3 (03-07, 03-08) = 4
                .jsonPath("$.periods[0].dealsOpened").isEqualTo(2)
                .jsonPath("$.periods[0].dealsWon").isEqualTo(0)
                .jsonPath("$.periods[0].dealsLost").isEqualTo(1)
                .jsonPath("$.periods[0].revenueWon").isEmpty()
                .jsonPath("$.periods[0].stageMoves").isEqualTo(4)
                // week 2: opened d4, d5; won d1 (03-11 local), d5; moves d1, d5 = 2 (d4's win is on 03-18)
                .jsonPath("$.periods[1].dealsOpened").isEqualTo(2)
                .jsonPath("$.periods[1].dealsWon").isEqualTo(2)
                .jsonPath("$.periods[1].dealsLost").isEqualTo(0)
                .jsonPath("$.periods[1].revenueWon[*].currency").isEqualTo(List.of("EUR", "USD"))
                .jsonPath("$.periods[1].revenueWon[*].amount").isEqualTo(List.of("1000.00", "250.25"))
                .jsonPath("$.periods[1].stageMoves").isEqualTo(2);
    }

    @Test
    void daysIncludingEmptyOnesAndMonthsStartingOnTheFirst() {
        client.get().uri("/api/v1/reports/dynamics?from=2030-03-04&to=2030-03-07").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.granularity").isEqualTo("day")
                .jsonPath("$.periods[*].period").isEqualTo(List.of("2030-03-04", "2030-03-05", "2030-03-06"))
                .jsonPath("$.periods[*].dealsOpened").isEqualTo(List.of(2, 0, 0))
                .jsonPath("$.periods[*].stageMoves").isEqualTo(List.of(0, 1, 1))
                .jsonPath("$.periods[*].dealsLost").isEqualTo(List.of(0, 0, 1));
        // the same range by month: one period starting on the 1st, the days before 03-04 not counted
        client.get().uri("/api/v1/reports/dynamics?granularity=month&from=2030-03-04&to=2030-03-18").exchange()
                .expectStatus().isOk().expectBody()
                .jsonPath("$.periods[*].period").isEqualTo(List.of("2030-03-01"))
                .jsonPath("$.periods[0].dealsOpened").isEqualTo(4)
                .jsonPath("$.periods[0].dealsWon").isEqualTo(2)
                .jsonPath("$.periods[0].dealsLost").isEqualTo(1)
                .jsonPath("$.periods[0].stageMoves").isEqualTo(6);
    }

    @ParameterizedTest
    @CsvSource({
            "granularity=year&from=2030-03-04&to=2030-03-18, granularity",
            "to=2030-03-18, from",
            "from=2030-03-04, to",
            "from=04.03.2030&to=2030-03-18, from",
            "from=2030-03-04&to=2030-03-04, to",
            "from=2020-01-01&to=2030-03-18, to"})
    void badParametersAreNamed(String query, String field) {
        client.get().uri("/api/v1/reports/dynamics?" + query).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }
}
