package dev.eventcrm.query.funnel;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.eventcrm.projections.event.ParsedEvent;
import org.junit.jupiter.api.Test;

import static dev.eventcrm.query.funnel.FunnelEvents.DEFAULT_STAGES;
import static dev.eventcrm.query.funnel.FunnelEvents.moved;
import static dev.eventcrm.query.funnel.FunnelEvents.opened;
import static dev.eventcrm.query.funnel.FunnelEvents.reopened;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A small sales team's first weeks of March in the default pipeline (NEW, QUALIFIED, PROPOSAL, NEGOTIATION are
 * OPEN; WON; LOST), folded by the projections' fold and counted by the report. Every number is worked out by hand
 * below. Times are days after T0 (Monday 2 March 09:00 UTC); the report is asked on day 30.
 *
 * <pre>
 * d1 anna  1000.00 EUR  NEW@0 QUALIFIED@1 PROPOSAL@3 NEGOTIATION@6 WON@10                      won,  cycle 10 d
 * d2 anna   500.00 EUR  NEW@0 QUALIFIED@2 LOST@4 (price)                                        lost in QUALIFIED
 * d3 boris 2000.00 EUR  NEW@1 PROPOSAL@2 (skips QUALIFIED) QUALIFIED@4 (back) PROPOSAL@5 WON@9  won,  cycle 8 d
 * d4 boris  300.00 EUR  NEW@2 LOST@3 (no budget) reopened NEW@5 QUALIFIED@7                    open in QUALIFIED
 * d5 anna   700.00 USD  NEW@3                                                                   open in NEW
 * d6 boris  800.00 EUR  NEW@3 QUALIFIED@4 PROPOSAL@6 NEGOTIATION@8 LOST@12 (competitor)        lost in NEGOTIATION
 * d7 anna   250.00 EUR  NEW@5 WON@6 (skips every other OPEN stage)                              won,  cycle 1 d
 * </pre>
 */
class FunnelScenarioTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    private static final Instant NOW = day(30);
    private static final long DAY = 86_400;

    private static Instant day(int days) {
        return T0.plusSeconds(DAY * days);
    }

    private static List<ParsedEvent> march() {
        List<ParsedEvent> events = new ArrayList<>();
        events.add(opened("d1", "anna", "1000.00", "EUR", day(0)));
        events.add(moved("d1", 1, "NEW", "QUALIFIED", null, day(1)));
        events.add(moved("d1", 2, "QUALIFIED", "PROPOSAL", null, day(3)));
        events.add(moved("d1", 3, "PROPOSAL", "NEGOTIATION", null, day(6)));
        events.add(moved("d1", 4, "NEGOTIATION", "WON", null, day(10)));
        events.add(opened("d2", "anna", "500.00", "EUR", day(0)));
        events.add(moved("d2", 1, "NEW", "QUALIFIED", null, day(2)));
        events.add(moved("d2", 2, "QUALIFIED", "LOST", "price", day(4)));
        events.add(opened("d3", "boris", "2000.00", "EUR", day(1)));
        events.add(moved("d3", 1, "NEW", "PROPOSAL", null, day(2)));
        events.add(moved("d3", 2, "PROPOSAL", "QUALIFIED", null, day(4)));
        events.add(moved("d3", 3, "QUALIFIED", "PROPOSAL", null, day(5)));
        events.add(moved("d3", 4, "PROPOSAL", "WON", null, day(9)));
        events.add(opened("d4", "boris", "300.00", "EUR", day(2)));
        events.add(moved("d4", 1, "NEW", "LOST", "no budget", day(3)));
        events.add(reopened("d4", 2, "LOST", "NEW", day(5)));
        events.add(moved("d4", 3, "NEW", "QUALIFIED", null, day(7)));
        events.add(opened("d5", "anna", "700.00", "USD", day(3)));
        events.add(opened("d6", "boris", "800.00", "EUR", day(3)));
        events.add(moved("d6", 1, "NEW", "QUALIFIED", null, day(4)));
        events.add(moved("d6", 2, "QUALIFIED", "PROPOSAL", null, day(6)));
        events.add(moved("d6", 3, "PROPOSAL", "NEGOTIATION", null, day(8)));
        events.add(moved("d6", 4, "NEGOTIATION", "LOST", "competitor", day(12)));
        events.add(opened("d7", "anna", "250.00", "EUR", day(5)));
        events.add(moved("d7", 1, "NEW", "WON", null, day(6)));
        return events;
    }

    private static FunnelView report(FunnelMode mode) {
        List<ParsedEvent> events = march();
        return FunnelCalculator.report("default", mode, "2026-03-01", "2026-04-01", DEFAULT_STAGES,
                FunnelEvents.cohort(FunnelEvents.folded(events, FunnelEvents.history(events))), NOW);
    }

    private static FunnelView.TimeInStage days(long deals, String latestMedian, String latestP90,
                                               String cumulativeMedian, String cumulativeP90) {
        return new FunnelView.TimeInStage("seconds", deals,
                new FunnelView.Spread(seconds(latestMedian), seconds(latestP90)),
                new FunnelView.Spread(seconds(cumulativeMedian), seconds(cumulativeP90)));
    }

    private static BigDecimal seconds(String days) {
        return new BigDecimal(days).multiply(BigDecimal.valueOf(DAY));
    }

    /*
     * Time in stage is the same in both modes: over the deals that were actually in the stage; a stay still going
     * lasts until day 30.
     * NEW:         latest d1 1, d2 2, d3 1, d4 2 (5-7; its 2-3 stay is earlier), d5 27 (3-30), d6 1, d7 1
     *              sorted 1 1 1 1 2 2 27: median the 4th = 1 d; p90 rank ceil(0.9 * 7) = 7 -> 27 d
     *              cumulative: d4 1 + 2 = 3 -> 1 1 1 1 2 3 27: median 1 d, p90 27 d
     * QUALIFIED:   d1 2, d2 2, d3 1 (4-5), d4 23 (7-30), d6 2 -> 1 2 2 2 23: median 2 d; p90 rank ceil(4.5) = 5 -> 23 d
     * PROPOSAL:    d1 3, d3 latest 4 (5-9) cumulative 2 + 4 = 6, d6 2 -> latest 2 3 4: median 3, p90 (rank 3) 4;
     *              cumulative 2 3 6: median 3, p90 6
     * NEGOTIATION: d1 4, d6 4 -> median (4 + 4) / 2 = 4, p90 rank ceil(1.8) = 2 -> 4
     *
     * lostHere: d2 in QUALIFIED (price), d6 in NEGOTIATION (competitor); d4 was lost in NEW but is open again.
     * stillHere: NEW d5, QUALIFIED d4.
     */
    private static final FunnelView.TimeInStage NEW_TIME = days(7, "1", "27", "1", "27");
    private static final FunnelView.TimeInStage QUALIFIED_TIME = days(5, "2", "23", "2", "23");
    private static final FunnelView.TimeInStage PROPOSAL_TIME = days(3, "3", "4", "3", "6");
    private static final FunnelView.TimeInStage NEGOTIATION_TIME = days(2, "4", "4", "4", "4");

    /*
     * Totals (both modes): 7 deals; won d1 d3 d7 = 3; lost d2 d6 = 2; open d4 d5 = 2; win rate 3 / 5 = 0.6.
     * Revenue won EUR 1000.00 + 2000.00 + 250.00 = 3250.00, average 3250.00 / 3 = 1083.333.. -> 1083.33.
     * Cycles 10, 8, 1 days: average 19 / 3 = 6.333.. -> 6.33, median 8.00.
     */
    private static final FunnelView.Totals TOTALS = new FunnelView.Totals(7, 3, 2, 2, new BigDecimal("0.6000"),
            new TreeMap<>(Map.of("EUR", "3250.00")), new BigDecimal("6.33"), new BigDecimal("8.00"),
            new TreeMap<>(Map.of("EUR", "1083.33")));

    @Test
    void cumulative() {
        /*
         * A deal reached its furthest OPEN stage and every one before it; a won deal reached them all.
         * d1 d3 d7 (won) and d6 (NEGOTIATION): all four; d2, d4: NEW QUALIFIED; d5: NEW.
         * NEW 7, QUALIFIED 6, PROPOSAL 4, NEGOTIATION 4, WON 3.
         * Conversion: 6/7 = 0.857142.. -> 0.8571; 4/6 = 0.6667; 4/4 = 1; WON 3/4 = 0.75.
         */
        FunnelView report = report(FunnelMode.CUMULATIVE);
        assertThat(report.mode()).isEqualTo("cumulative");
        assertSameNumbers(report.stages(), List.of(
                row("NEW", 7, "0.8571", 0, Map.of(), 1, NEW_TIME),
                row("QUALIFIED", 6, "0.6667", 1, Map.of("price", 1L), 1, QUALIFIED_TIME),
                row("PROPOSAL", 4, "1.0000", 0, Map.of(), 0, PROPOSAL_TIME),
                row("NEGOTIATION", 4, "0.7500", 1, Map.of("competitor", 1L), 0, NEGOTIATION_TIME)));
        assertThat(report.totals()).isEqualTo(TOTALS);
    }

    @Test
    void strict() {
        /*
         * Only the stages a deal was in: d3 never was in NEGOTIATION, d7 only in NEW; d3's second PROPOSAL stay and
         * d4's second NEW stay do not count twice.
         * NEW 7 (all); QUALIFIED d1 d2 d3 d4 d6 = 5; PROPOSAL d1 d3 d6 = 3; NEGOTIATION d1 d6 = 2; WON d1 d3 d7 = 3.
         * Conversion, reached(next) / reached(this) as the issue defines it: 5/7 = 0.714285.. -> 0.7143;
         * 3/5 = 0.6; 2/3 = 0.6667; WON 3/2 = 1.5 (deals that skipped NEGOTIATION and won raise it above 1).
         */
        FunnelView report = report(FunnelMode.STRICT);
        assertThat(report.mode()).isEqualTo("strict");
        assertSameNumbers(report.stages(), List.of(
                row("NEW", 7, "0.7143", 0, Map.of(), 1, NEW_TIME),
                row("QUALIFIED", 5, "0.6000", 1, Map.of("price", 1L), 1, QUALIFIED_TIME),
                row("PROPOSAL", 3, "0.6667", 0, Map.of(), 0, PROPOSAL_TIME),
                row("NEGOTIATION", 2, "1.5000", 1, Map.of("competitor", 1L), 0, NEGOTIATION_TIME)));
        assertThat(report.totals()).isEqualTo(TOTALS);
    }

    /** Equal, the decimals by value (seconds carry the milliseconds' three places). */
    private static void assertSameNumbers(List<FunnelView.StageRow> actual, List<FunnelView.StageRow> expected) {
        assertThat(actual).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(expected);
    }

    private static FunnelView.StageRow row(String stage, long reached, String conversion, long lostHere,
                                           Map<String, Long> reasons, long stillHere, FunnelView.TimeInStage time) {
        return new FunnelView.StageRow(stage, reached, new BigDecimal(conversion), lostHere, new TreeMap<>(reasons),
                stillHere, time);
    }
}
