package dev.eventcrm.query.managerkpi;

import com.mongodb.client.model.Filters;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.events.quota.QuotaMetric;
import dev.eventcrm.events.quota.QuotaPeriod;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.managerkpi.ManagerKpiProjection;
import dev.eventcrm.projections.quota.QuotaCodec;
import dev.eventcrm.projections.quota.QuotaHistory;
import dev.eventcrm.query.QueryServiceIntegrationTest;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.eventcrm.events.call.CallOutcome.BUSY;
import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.events.call.CallOutcome.NO_ANSWER;
import static dev.eventcrm.query.managerkpi.KpiEvents.call;
import static dev.eventcrm.query.managerkpi.KpiEvents.closed;
import static dev.eventcrm.query.managerkpi.KpiEvents.dealOpened;
import static dev.eventcrm.query.managerkpi.KpiEvents.email;
import static dev.eventcrm.query.managerkpi.KpiEvents.handedOver;
import static dev.eventcrm.query.managerkpi.KpiEvents.meeting;
import static dev.eventcrm.query.managerkpi.KpiEvents.reopened;
import static dev.eventcrm.query.managerkpi.KpiEvents.taskCancelled;
import static dev.eventcrm.query.managerkpi.KpiEvents.taskCompleted;
import static dev.eventcrm.query.managerkpi.KpiEvents.taskCreated;
import static dev.eventcrm.query.managerkpi.KpiEvents.taskDue;
import static dev.eventcrm.query.managerkpi.KpiEvents.taskReassigned;
import static dev.eventcrm.query.managerkpi.KpiEvents.taskRescheduled;
import static org.hamcrest.Matchers.nullValue;

/**
 * Two weeks of a small sales team, every number worked out by hand. The installation's zone in these tests is
 * Asia/Vladivostok (UTC+10): a local day starts at 14:00Z the day before. Weeks: Mon 2030-03-04 .. Sun 03-10 and
 * Mon 03-11 .. Sun 03-17; the range asked for is [2030-03-04, 2030-03-18). anna and boris are in team "north",
 * carl in "south". "Now" is 2030-03-20T00:00Z.
 */
class ManagerKpiScenarioTest extends QueryServiceIntegrationTest {
    private static final List<String> USERS = List.of("kpi-anna", "kpi-boris", "kpi-carl");
    /**
     * anna: 10 calls a month from February, lowered to 4 on 03-10; north: 4000.00 EUR won a quarter; boris: one
     * deal won a month, but only from April (after "now").
     */
    private static final List<QuotaHistory> QUOTAS = List.of(
            new QuotaHistory("kpi-qa", "kpi-anna", null, QuotaPeriod.MONTH, QuotaMetric.CALLS, List.of(
                    new QuotaHistory.Target(at("2030-02-01T00:00"), "10", null),
                    new QuotaHistory.Target(at("2030-03-10T00:00"), "4", null))),
            new QuotaHistory("kpi-qb", null, "north", QuotaPeriod.QUARTER, QuotaMetric.REVENUE_WON, List.of(
                    new QuotaHistory.Target(at("2030-01-01T00:00"), "4000.00", "EUR"))),
            new QuotaHistory("kpi-qc", "kpi-boris", null, QuotaPeriod.MONTH, QuotaMetric.DEALS_WON, List.of(
                    new QuotaHistory.Target(at("2030-04-01T00:00"), "1", null))));

    private static final List<ParsedEvent> EVENTS = List.of(
            // anna's calls in week 1: 11:00 local Mon 03-04 (outbound, connected, 120 s) and 01:00 local Mon 03-04,
            // still Sunday in UTC (outbound, no answer; with d1's contact before d1 opened: not a response)
            call("kpi-k1", "kpi-anna", "c1", true, CONNECTED, 120, at("2030-03-04T01:00"), at("2030-03-04T01:05")),
            call("kpi-k2", "kpi-anna", "c-kpi-d1", true, NO_ANSWER, 0, at("2030-03-03T15:00"), at("2030-03-03T15:00")),
            // anna's inbound call of Mon 03-11 (300 s), logged late on 03-12: it counts on 03-11
            call("kpi-k3", "kpi-anna", "c1", false, CONNECTED, 300, at("2030-03-11T02:00"), at("2030-03-12T02:00")),
            // boris's call at 23:00 local Sun 03-03: before the range, not counted
            call("kpi-k4", "kpi-boris", "c1", true, BUSY, 0, at("2030-03-03T13:00"), at("2030-03-03T13:00")),
            // boris meets d1's contact 25 h after d1 opened: d1's first response, 1500 minutes, counts for anna
            meeting("kpi-m1", "kpi-boris", "c-kpi-d1", null, at("2030-03-05T03:00")),
            // anna's e-mail about carl's d4, sent the minute it opened: its first response, 0 minutes, carl's
            email("kpi-e1", "kpi-anna", "c1", "kpi-d4", at("2030-03-12T00:00")),
            // a task of anna's handed to boris, completed (by automation) on Wed 03-06: boris's
            taskCreated("kpi-t1", "kpi-anna", at("2030-03-04T03:00")),
            taskReassigned("kpi-t1", 1, "kpi-anna", "kpi-boris", at("2030-03-05T03:00")),
            taskCompleted("kpi-t1", 2, at("2030-03-06T00:00")),
            // d1: opened by anna Mon 03-04, handed to boris, won Tue 03-12: opened for anna, won for boris
            dealOpened("kpi-d1", "kpi-anna", "1000.00", "EUR", at("2030-03-04T02:00")),
            handedOver("kpi-d1", 1, "kpi-anna", "kpi-boris", at("2030-03-05T00:00")),
            closed("kpi-d1", 2, StageKind.WON, at("2030-03-12T00:00")),
            // d2: anna's, opened Tue 03-05, won Wed 03-06, reopened Thu 03-07 (the win is withdrawn), lost Wed 03-13
            dealOpened("kpi-d2", "kpi-anna", "250.50", "EUR", at("2030-03-05T00:00")),
            closed("kpi-d2", 1, StageKind.WON, at("2030-03-06T00:00")),
            reopened("kpi-d2", 2, "WON", at("2030-03-07T00:00")),
            closed("kpi-d2", 3, StageKind.LOST, at("2030-03-13T00:00")),
            // d3: boris's, opened and won on Mon 03-11 with 99.99 USD
            dealOpened("kpi-d3", "kpi-boris", "99.99", "USD", at("2030-03-11T00:00")),
            closed("kpi-d3", 1, StageKind.WON, at("2030-03-11T05:00")),
            // d4: carl's, opened Tue 03-12, lost Thu 03-14
            dealOpened("kpi-d4", "kpi-carl", "10.00", "EUR", at("2030-03-12T00:00")),
            closed("kpi-d4", 1, StageKind.LOST, at("2030-03-14T00:00")),
            // open tasks, "now" being 2030-03-20T00:00Z (10:00 local): overdue are anna's ot1 (due 03-19 local) and
            // ot4 (due 06:00 local today), not ot2 (due 03-25) nor ot5 (due 15:00 local today); not boris's ot3
            // (completed on 03-01, before the range) nor ot6 (due 03-18, rescheduled to 03-27); not carl's ot7
            // (cancelled)
            taskDue("kpi-ot1", "kpi-anna", at("2030-03-01T00:00"), at("2030-03-19T00:00")),
            taskDue("kpi-ot2", "kpi-anna", at("2030-03-01T00:00"), at("2030-03-25T00:00")),
            taskDue("kpi-ot3", "kpi-boris", at("2030-02-20T00:00"), at("2030-03-01T00:00")),
            taskCompleted("kpi-ot3", 1, at("2030-03-01T00:00")),
            taskDue("kpi-ot4", "kpi-anna", at("2030-03-01T00:00"), at("2030-03-19T20:00")),
            taskDue("kpi-ot5", "kpi-anna", at("2030-03-01T00:00"), at("2030-03-20T05:00")),
            taskDue("kpi-ot6", "kpi-boris", at("2030-03-01T00:00"), at("2030-03-18T00:00")),
            taskRescheduled("kpi-ot6", 1, at("2030-03-18T00:00"), at("2030-03-27T00:00"), at("2030-03-02T00:00")),
            taskDue("kpi-ot7", "kpi-carl", at("2030-03-01T00:00"), at("2030-03-02T00:00")),
            taskCancelled("kpi-ot7", 1, at("2030-03-02T00:00")));

    @BeforeEach
    void team() {
        // The projections' manager KPIs, cut in the same installation zone as the service's; applied again by each
        // test, a no-op.
        ManagerKpiProjection.create(database, KpiEvents.history(EVENTS), ZoneId.of("Asia/Vladivostok"), TIMEOUT)
                .applyBatch(EVENTS);
        committed(OverdueTasks.PROJECTION);
        Mono.from(database.getCollection("users").deleteMany(Filters.in("_id", USERS))).block(TIMEOUT);
        Mono.from(database.getCollection("quotas").deleteMany(Filters.in("_id",
                QUOTAS.stream().map(QuotaHistory::id).toList()))).block(TIMEOUT);
        QUOTAS.forEach(quota -> insert("quotas", new QuotaCodec().encode(quota).append("_id", quota.id())));
        insert("users", new Document("_id", "kpi-anna").append("teamId", "north"));
        insert("users", new Document("_id", "kpi-boris").append("teamId", "north"));
        insert("users", new Document("_id", "kpi-carl").append("teamId", "south"));
        clock.set(at("2030-03-20T00:00"));
    }

    @Test
    void weeksPerManagerAndTeam() {
        client.get().uri("/api/v1/reports/managers?granularity=week&from=2030-03-04&to=2030-03-18").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.granularity").isEqualTo("week")
                .jsonPath("$.timeZone").isEqualTo("Asia/Vladivostok")
                .jsonPath("$.rows[*].managerId").isEqualTo(List.of("kpi-anna", "kpi-anna", "kpi-boris", "kpi-boris",
                        "kpi-carl"))
                .jsonPath("$.rows[*].period").isEqualTo(List.of("2030-03-04", "2030-03-11", "2030-03-04",
                        "2030-03-11", "2030-03-11"))
                .jsonPath("$.rows[*].teamId").isEqualTo(List.of("north", "north", "north", "north", "south"))
                // anna, week 1: k1 and k2 (both outbound, k1 connected: 1/2), 120 s; d1 and d2 opened; d2's win
                // was withdrawn by the reopen; 2 overdue tasks now (ot1, ot4)
                .jsonPath("$.rows[0].calls.total").isEqualTo(2)
                .jsonPath("$.rows[0].calls.outbound").isEqualTo(2)
                .jsonPath("$.rows[0].calls.connected").isEqualTo(1)
                .jsonPath("$.rows[0].calls.connectRate").isEqualTo(0.5)
                .jsonPath("$.rows[0].talkSeconds").isEqualTo(120)
                .jsonPath("$.rows[0].dealsOpened").isEqualTo(2)
                .jsonPath("$.rows[0].dealsWon").isEqualTo(0)
                .jsonPath("$.rows[0].winRate").value(nullValue())
                .jsonPath("$.rows[0].tasksOverdue").isEqualTo(2)
                // d1 answered after 1500 minutes, d2 not at all: the mean is over the answered one
                .jsonPath("$.rows[0].firstResponseMinutes").isEqualTo(1500.0)
                // anna, week 2: k3 (inbound, connected: 1/1, 300 s), e1, d2 lost: win rate 0/1
                .jsonPath("$.rows[1].calls.total").isEqualTo(1)
                .jsonPath("$.rows[1].calls.outbound").isEqualTo(0)
                .jsonPath("$.rows[1].calls.connectRate").isEqualTo(1.0)
                .jsonPath("$.rows[1].talkSeconds").isEqualTo(300)
                .jsonPath("$.rows[1].emails").isEqualTo(1)
                .jsonPath("$.rows[1].dealsLost").isEqualTo(1)
                .jsonPath("$.rows[1].winRate").isEqualTo(0.0)
                // boris, week 1: no calls (k4 is before the range), m1, t1 completed
                .jsonPath("$.rows[2].calls.total").isEqualTo(0)
                .jsonPath("$.rows[2].calls.connectRate").value(nullValue())
                .jsonPath("$.rows[2].meetings").isEqualTo(1)
                .jsonPath("$.rows[2].tasksCompleted").isEqualTo(1)
                .jsonPath("$.rows[2].tasksOverdue").isEqualTo(0)
                // boris, week 2: d3 opened; d1 (1000.00 EUR, won for him as its owner then) and d3 (99.99 USD) won
                .jsonPath("$.rows[3].dealsOpened").isEqualTo(1)
                .jsonPath("$.rows[3].dealsWon").isEqualTo(2)
                .jsonPath("$.rows[3].revenueWon").isEqualTo(Map.of("EUR", "1000.00", "USD", "99.99"))
                .jsonPath("$.rows[3].avgWonAmount").isEqualTo(Map.of("EUR", "1000.00", "USD", "99.99"))
                .jsonPath("$.rows[3].winRate").isEqualTo(1.0)
                .jsonPath("$.rows[3].firstResponseMinutes").value(nullValue())
                .jsonPath("$.rows[4].firstResponseMinutes").isEqualTo(0.0)
                // teams: north adds anna and boris up; week 2 wins 2 of 3 closed: 0.6667
                .jsonPath("$.teams[*].teamId").isEqualTo(List.of("north", "north", "south"))
                .jsonPath("$.teams[*].period").isEqualTo(List.of("2030-03-04", "2030-03-11", "2030-03-11"))
                .jsonPath("$.teams[0].calls.total").isEqualTo(2)
                .jsonPath("$.teams[0].meetings").isEqualTo(1)
                .jsonPath("$.teams[0].tasksCompleted").isEqualTo(1)
                .jsonPath("$.teams[0].tasksOverdue").isEqualTo(2)
                .jsonPath("$.teams[0].dealsOpened").isEqualTo(2)
                .jsonPath("$.teams[0].firstResponseMinutes").isEqualTo(1500.0)
                .jsonPath("$.teams[1].calls.total").isEqualTo(1)
                .jsonPath("$.teams[1].talkSeconds").isEqualTo(300)
                .jsonPath("$.teams[1].dealsWon").isEqualTo(2)
                .jsonPath("$.teams[1].dealsLost").isEqualTo(1)
                .jsonPath("$.teams[1].winRate").isEqualTo(0.6667)
                .jsonPath("$.teams[1].revenueWon").isEqualTo(Map.of("EUR", "1000.00", "USD", "99.99"))
                .jsonPath("$.teams[2].dealsOpened").isEqualTo(1)
                .jsonPath("$.teams[2].dealsLost").isEqualTo(1);
    }

    @Test
    void overdueTasksFollowTheClockThroughTheDayAndABatchOfTasksAsSoonAsItsPositionsAreStored() {
        String uri = "/api/v1/reports/managers?granularity=month&from=2030-03-01&to=2030-04-01";
        client.get().uri(uri).exchange().expectBody().jsonPath("$.rows[0].tasksOverdue").isEqualTo(2);
        // a second after ot5 fell due (05:00Z), read from what was read for the day
        clock.set(at("2030-03-20T05:00").plusSeconds(1));
        client.get().uri(uri).exchange().expectBody().jsonPath("$.rows[0].tasksOverdue").isEqualTo(3);

        // a task of anna's due at 04:00Z today: not seen while its batch's positions are not stored, then seen
        List<ParsedEvent> extra = List.of(taskDue("kpi-ot8", "kpi-anna", at("2030-03-01T00:00"),
                at("2030-03-20T04:00")));
        List<ParsedEvent> all = new ArrayList<>(EVENTS);
        all.addAll(extra);
        var projection = ManagerKpiProjection.create(database, KpiEvents.history(all),
                ZoneId.of("Asia/Vladivostok"), TIMEOUT);
        try {
            projection.applyBatch(extra);
            client.get().uri(uri).exchange().expectBody().jsonPath("$.rows[0].tasksOverdue").isEqualTo(3);
            committed(OverdueTasks.PROJECTION);
            client.get().uri(uri).exchange().expectBody().jsonPath("$.rows[0].tasksOverdue").isEqualTo(4);
        } finally {
            projection.applyBatch(List.of(taskCancelled("kpi-ot8", 1, at("2030-03-02T00:00"))));
            committed(OverdueTasks.PROJECTION);
        }
    }

    @Test
    void daysAreTheInstallationZonesAndATeamNarrowsTheRows() {
        // anna on Mon 03-04 (local): k1 (11:00), k2 (01:00), d1 opened (12:00); on Tue 03-05: d2 opened (10:00)
        client.get().uri("/api/v1/reports/managers?from=2030-03-04&to=2030-03-06&team=north").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.granularity").isEqualTo("day")
                .jsonPath("$.rows[*].managerId").isEqualTo(List.of("kpi-anna", "kpi-anna", "kpi-boris"))
                .jsonPath("$.rows[*].period").isEqualTo(List.of("2030-03-04", "2030-03-05", "2030-03-05"))
                .jsonPath("$.rows[0].calls.total").isEqualTo(2)
                .jsonPath("$.rows[0].dealsOpened").isEqualTo(1)
                .jsonPath("$.rows[1].calls.total").isEqualTo(0)
                .jsonPath("$.rows[0].firstResponseMinutes").isEqualTo(1500.0)
                .jsonPath("$.rows[1].dealsOpened").isEqualTo(1)
                .jsonPath("$.rows[1].firstResponseMinutes").value(nullValue())
                // boris's meeting at 13:00 local on 03-05
                .jsonPath("$.rows[2].meetings").isEqualTo(1)
                .jsonPath("$.teams[*].teamId").isEqualTo(List.of("north", "north"));
    }

    @Test
    void plansShowTargetActualAndAttainmentOfTheirMonthOrQuarter() {
        // anna's March (local): k1, k2, k3 = 3 calls against 4 (the target now): 0.75, on both her weeks. north's
        // first quarter: d1's 1000.00 EUR (boris's; d3 is in USD) against 4000.00: 0.25. boris's quota starts in
        // April: not shown yet; carl has none
        client.get().uri("/api/v1/reports/managers?granularity=week&from=2030-03-04&to=2030-03-18").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rows[0].plans.length()").isEqualTo(1)
                .jsonPath("$.rows[0].plans[0].metric").isEqualTo("calls")
                .jsonPath("$.rows[0].plans[0].target").isEqualTo("4")
                .jsonPath("$.rows[0].plans[0].actual").isEqualTo("3")
                .jsonPath("$.rows[0].plans[0].attainment").isEqualTo(0.75)
                .jsonPath("$.rows[1].plans[0].attainment").isEqualTo(0.75)
                .jsonPath("$.rows[2].plans").isEmpty()
                .jsonPath("$.rows[4].plans").isEmpty()
                .jsonPath("$.teams[0].plans[0].metric").isEqualTo("revenue_won")
                .jsonPath("$.teams[0].plans[0].target").isEqualTo("4000.00")
                .jsonPath("$.teams[0].plans[0].actual").isEqualTo("1000.00")
                .jsonPath("$.teams[0].plans[0].attainment").isEqualTo(0.25)
                .jsonPath("$.teams[1].plans[0].attainment").isEqualTo(0.25)
                .jsonPath("$.teams[2].plans").isEmpty();
        // as it was on 03-09: anna's target was still 10, so 3 of 10
        client.get().uri("/api/v1/reports/managers?granularity=month&from=2030-03-01&to=2030-04-01&asOf=2030-03-09")
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.rows[0].managerId").isEqualTo("kpi-anna")
                .jsonPath("$.rows[0].plans[0].target").isEqualTo("10")
                .jsonPath("$.rows[0].plans[0].actual").isEqualTo("3")
                .jsonPath("$.rows[0].plans[0].attainment").isEqualTo(0.3);
    }

    @ParameterizedTest
    @CsvSource({
            "granularity=year&from=2030-03-04&to=2030-03-18, granularity",
            "to=2030-03-18, from",
            "from=2030-03-04, to",
            "from=04.03.2030&to=2030-03-18, from",
            "from=2030-03-04&to=2030-03-04, to",
            "from=2020-01-01&to=2030-03-18, to",
            "from=2030-03-04&to=2030-03-18&asOf=yesterday, asOf"})
    void badParametersAreNamed(String query, String field) {
        client.get().uri("/api/v1/reports/managers?" + query).exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors[0].field").isEqualTo(field);
    }

    private static Instant at(String utc) {
        return Instant.parse(utc + ":00Z");
    }
}
