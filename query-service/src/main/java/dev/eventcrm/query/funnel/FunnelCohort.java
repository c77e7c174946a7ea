package dev.eventcrm.query.funnel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A cohort's funnel counted once against the pipeline's OPEN stages (in their current order), in both modes: all of
 * the report but the lengths of the stays still going, which {@link #report} works out at its "now" from the sorted
 * {@link StayTimes}. So the same cohort can answer many requests without counting its deals again.
 */
final class FunnelCohort {
    private static final int RATIO_SCALE = 4;
    private static final int DAYS_SCALE = 2;
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toMillis());
    private static final String OPEN = "OPEN";
    private static final String WON = "WON";
    private static final String LOST = "LOST";

    private final List<String> open;
    /** Per mode, deals that reached each OPEN stage; the last slot: the WON stage, the last OPEN stage's next. */
    private final long[] reachedCumulative;
    private final long[] reachedStrict;
    private final long[] lostHere;
    private final List<SortedMap<String, Long>> reasons;
    private final long[] stillHere;
    private final StayTimes[] latest;
    private final StayTimes[] cumulative;
    private final FunnelView.Totals totals;

    private FunnelCohort(List<String> open, long[] reachedCumulative, long[] reachedStrict, long[] lostHere,
                         List<SortedMap<String, Long>> reasons, long[] stillHere, StayTimes[] latest,
                         StayTimes[] cumulative, FunnelView.Totals totals) {
        this.open = open;
        this.reachedCumulative = reachedCumulative;
        this.reachedStrict = reachedStrict;
        this.lostHere = lostHere;
        this.reasons = reasons;
        this.stillHere = stillHere;
        this.latest = latest;
        this.cumulative = cumulative;
        this.totals = totals;
    }

    /** @param open the pipeline's OPEN stages in their current order */
    static FunnelCohort of(List<String> open, List<FunnelFacts> cohort) {
        int stages = open.size();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < stages; i++) {
            index.put(open.get(i), i);
        }
        long[] reachedCumulative = new long[stages + 1];
        long[] reachedStrict = new long[stages + 1];
        long[] lostHere = new long[stages];
        long[] stillHere = new long[stages];
        List<SortedMap<String, Long>> reasons = new ArrayList<>(stages);
        StayTimes.Builder[] latest = new StayTimes.Builder[stages];
        StayTimes.Builder[] cumulative = new StayTimes.Builder[stages];
        for (int i = 0; i < stages; i++) {
            reasons.add(new TreeMap<>());
            latest[i] = new StayTimes.Builder();
            cumulative[i] = new StayTimes.Builder();
        }
        for (FunnelFacts deal : cohort) {
            boolean won = false;
            int furthest = -1;
            for (FunnelFacts.Stay stay : deal.stays()) {
                won |= WON.equals(stay.kind());
                Integer at = index.get(stay.stage());
                if (at == null) {
                    continue;
                }
                // a deal has one stay per stage: the report counts it once however often it was there
                furthest = Math.max(furthest, at);
                reachedStrict[at]++;
                if (stay.exitedAt() == null) {
                    latest[at].going(stay.enteredAt().toEpochMilli(), 0);
                    cumulative[at].going(stay.enteredAt().toEpochMilli(), stay.completedMillis());
                } else {
                    latest[at].ended(Duration.between(stay.enteredAt(), stay.exitedAt()).toMillis());
                    cumulative[at].ended(stay.completedMillis());
                }
            }
            if (won) {
                furthest = stages - 1;
                reachedStrict[stages]++;
                reachedCumulative[stages]++;
            }
            for (int i = 0; i <= furthest; i++) {
                reachedCumulative[i]++;
            }
            Integer lossStage = deal.lossStage() == null ? null : index.get(deal.lossStage());
            if (LOST.equals(deal.status()) && lossStage != null) {
                lostHere[lossStage]++;
                reasons.get(lossStage).merge(deal.lossReason(), 1L, Long::sum);
            }
            Integer current = deal.stage() == null ? null : index.get(deal.stage());
            if (OPEN.equals(deal.status()) && current != null) {
                stillHere[current]++;
            }
        }
        StayTimes[] latestTimes = new StayTimes[stages];
        StayTimes[] cumulativeTimes = new StayTimes[stages];
        for (int i = 0; i < stages; i++) {
            latestTimes[i] = latest[i].build();
            cumulativeTimes[i] = cumulative[i].build();
        }
        return new FunnelCohort(List.copyOf(open), reachedCumulative, reachedStrict, lostHere, reasons, stillHere,
                latestTimes, cumulativeTimes, totals(cohort));
    }

    long deals() {
        return totals.deals();
    }

    /** The report at {@code now}, which only the stays still going depend on. */
    FunnelView report(String pipelineId, FunnelMode mode, String from, String to, Instant now) {
        long[] reached = mode == FunnelMode.CUMULATIVE ? reachedCumulative : reachedStrict;
        long millis = now.toEpochMilli();
        List<FunnelView.StageRow> rows = new ArrayList<>(open.size());
        for (int i = 0; i < open.size(); i++) {
            rows.add(new FunnelView.StageRow(open.get(i), reached[i], ratio(reached[i + 1], reached[i]), lostHere[i],
                    new TreeMap<>(reasons.get(i)), stillHere[i], new FunnelView.TimeInStage(FunnelCalculator.UNIT,
                    latest[i].count(), latest[i].spread(millis), cumulative[i].spread(millis))));
        }
        return new FunnelView(pipelineId, mode.value(), from, to, rows, totals);
    }

    private static FunnelView.Totals totals(List<FunnelFacts> cohort) {
        long won = 0;
        long lost = 0;
        long open = 0;
        SortedMap<String, BigDecimal> revenue = new TreeMap<>();
        Map<String, Long> wonPerCurrency = new TreeMap<>();
        List<BigDecimal> cycles = new ArrayList<>();
        for (FunnelFacts deal : cohort) {
            switch (String.valueOf(deal.status())) {
                case WON -> {
                    won++;
                    cycles.add(BigDecimal.valueOf(Duration.between(deal.openedAt(), deal.closedAt()).toMillis()));
                    if (deal.amountValue() != null && deal.amountCurrency() != null) {
                        revenue.merge(deal.amountCurrency(), new BigDecimal(deal.amountValue()), BigDecimal::add);
                        wonPerCurrency.merge(deal.amountCurrency(), 1L, Long::sum);
                    }
                }
                case LOST -> lost++;
                default -> open++;
            }
        }
        SortedMap<String, String> revenueWon = new TreeMap<>();
        SortedMap<String, String> average = new TreeMap<>();
        revenue.forEach((currency, sum) -> {
            revenueWon.put(currency, sum.toPlainString());
            average.put(currency, sum.divide(BigDecimal.valueOf(wonPerCurrency.get(currency)), sum.scale(),
                    RoundingMode.HALF_UP).toPlainString());
        });
        BigDecimal avgCycle = cycles.isEmpty() ? null : cycles.stream().reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(MILLIS_PER_DAY.multiply(BigDecimal.valueOf(cycles.size())), DAYS_SCALE, RoundingMode.HALF_UP);
        BigDecimal medianCycle = cycles.isEmpty() ? null
                : median(cycles.stream().sorted().toList()).divide(MILLIS_PER_DAY, DAYS_SCALE, RoundingMode.HALF_UP);
        return new FunnelView.Totals(cohort.size(), won, lost, open, ratio(won, won + lost), revenueWon, avgCycle,
                medianCycle, average);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATIO_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
    }
}
