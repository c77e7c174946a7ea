package dev.eventcrm.query.funnel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A cohort's funnel counted against the pipeline's OPEN stages (in their current order), in both modes: all of the
 * report but the lengths of the stays still going, which {@link #report} works out at its "now" from the sorted
 * {@link StayTimes}. So the same cohort answers many requests without counting its deals again, and a cohort some of
 * whose deals changed is the old one with their old facts taken out and their new ones put in ({@link #with}): every
 * part of it is a count, an exact sum or a sorted array.
 */
final class FunnelCohort {
    private static final int RATIO_SCALE = 4;
    private static final int DAYS_SCALE = 2;
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toMillis());
    private static final String OPEN = "OPEN";
    private static final String WON = "WON";
    private static final String LOST = "LOST";

    private final List<String> open;
    private final Map<String, Integer> index;
    /** Per mode, deals that reached each OPEN stage; the last slot: the WON stage, the last OPEN stage's next. */
    private final long[] reachedCumulative;
    private final long[] reachedStrict;
    private final long[] lostHere;
    private final List<Map<String, Long>> reasons;
    private final long[] stillHere;
    private final StayTimes[] latest;
    private final StayTimes[] cumulative;
    /** deals, won, lost, open */
    private final long[] statuses;
    /** Per currency: the won amounts' sum, how many, and how many of each scale (the sum's scale is the largest). */
    private final Map<String, BigDecimal> revenue;
    private final Map<String, Long> wonPerCurrency;
    private final Map<String, Map<Integer, Long>> scales;
    /** The won deals' cycles (opened to won), in milliseconds, sorted. */
    private final StayTimes cycles;
    private final long cycleSum;

    private FunnelCohort(List<String> open, Map<String, Integer> index, long[] reachedCumulative, long[] reachedStrict,
                         long[] lostHere, List<Map<String, Long>> reasons, long[] stillHere, StayTimes[] latest,
                         StayTimes[] cumulative, long[] statuses, Map<String, BigDecimal> revenue,
                         Map<String, Long> wonPerCurrency, Map<String, Map<Integer, Long>> scales, StayTimes cycles,
                         long cycleSum) {
        this.open = open;
        this.index = index;
        this.reachedCumulative = reachedCumulative;
        this.reachedStrict = reachedStrict;
        this.lostHere = lostHere;
        this.reasons = reasons;
        this.stillHere = stillHere;
        this.latest = latest;
        this.cumulative = cumulative;
        this.statuses = statuses;
        this.revenue = revenue;
        this.wonPerCurrency = wonPerCurrency;
        this.scales = scales;
        this.cycles = cycles;
        this.cycleSum = cycleSum;
    }

    /** @param open the pipeline's OPEN stages in their current order */
    static FunnelCohort of(List<String> open, Collection<FunnelFacts> cohort) {
        return empty(open).with(List.of(), cohort);
    }

    private static FunnelCohort empty(List<String> open) {
        int stages = open.size();
        Map<String, Integer> index = new HashMap<>();
        List<Map<String, Long>> reasons = new ArrayList<>(stages);
        StayTimes[] none = new StayTimes[stages];
        for (int i = 0; i < stages; i++) {
            index.put(open.get(i), i);
            reasons.add(Map.of());
            none[i] = StayTimes.NONE;
        }
        return new FunnelCohort(List.copyOf(open), Map.copyOf(index), new long[stages + 1], new long[stages + 1],
                new long[stages], reasons, new long[stages], none, none, new long[4], Map.of(), Map.of(), Map.of(),
                StayTimes.NONE, 0);
    }

    long deals() {
        return statuses[0];
    }

    /** This cohort without {@code removed} (each of which it counted) and with {@code added}. */
    FunnelCohort with(Collection<FunnelFacts> removed, Collection<FunnelFacts> added) {
        Change change = new Change(this);
        removed.forEach(deal -> change.count(deal, -1));
        added.forEach(deal -> change.count(deal, 1));
        return change.result();
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
        return new FunnelView(pipelineId, mode.value(), from, to, rows, totals());
    }

    private FunnelView.Totals totals() {
        SortedMap<String, String> revenueWon = new TreeMap<>();
        SortedMap<String, String> average = new TreeMap<>();
        revenue.forEach((currency, sum) -> {
            BigDecimal exact = sum.setScale(scales.get(currency).keySet().stream().max(Integer::compare).orElseThrow());
            revenueWon.put(currency, exact.toPlainString());
            average.put(currency, exact.divide(BigDecimal.valueOf(wonPerCurrency.get(currency)), exact.scale(),
                    RoundingMode.HALF_UP).toPlainString());
        });
        long won = statuses[1];
        BigDecimal avgCycle = won == 0 ? null : BigDecimal.valueOf(cycleSum)
                .divide(MILLIS_PER_DAY.multiply(BigDecimal.valueOf(won)), DAYS_SCALE, RoundingMode.HALF_UP);
        BigDecimal medianCycle = won == 0 ? null : cycles.spread(0).median().movePointRight(3)
                .divide(MILLIS_PER_DAY, DAYS_SCALE, RoundingMode.HALF_UP);
        return new FunnelView.Totals(statuses[0], won, statuses[2], statuses[3], ratio(won, won + statuses[2]),
                revenueWon, avgCycle, medianCycle, average);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATIO_SCALE, RoundingMode.HALF_UP);
    }

    /** A cohort being changed: copies of its counts, and the stays taken out and put in, merged at the end. */
    private static final class Change {
        private final FunnelCohort base;
        private final long[] reachedCumulative;
        private final long[] reachedStrict;
        private final long[] lostHere;
        private final List<Map<String, Long>> reasons;
        private final long[] stillHere;
        private final StayTimes.Builder[][] latest;
        private final StayTimes.Builder[][] cumulative;
        private final long[] statuses;
        private final Map<String, BigDecimal> revenue;
        private final Map<String, Long> wonPerCurrency;
        private final Map<String, Map<Integer, Long>> scales;
        /** [0]: taken out, [1]: put in */
        private final StayTimes.Builder[] cycles = {new StayTimes.Builder(), new StayTimes.Builder()};
        private long cycleSum;

        Change(FunnelCohort base) {
            this.base = base;
            int stages = base.open.size();
            reachedCumulative = base.reachedCumulative.clone();
            reachedStrict = base.reachedStrict.clone();
            lostHere = base.lostHere.clone();
            stillHere = base.stillHere.clone();
            reasons = new ArrayList<>(stages);
            base.reasons.forEach(counts -> reasons.add(new HashMap<>(counts)));
            latest = new StayTimes.Builder[2][stages];
            cumulative = new StayTimes.Builder[2][stages];
            for (int side = 0; side < 2; side++) {
                for (int i = 0; i < stages; i++) {
                    latest[side][i] = new StayTimes.Builder();
                    cumulative[side][i] = new StayTimes.Builder();
                }
            }
            statuses = base.statuses.clone();
            revenue = new HashMap<>(base.revenue);
            wonPerCurrency = new HashMap<>(base.wonPerCurrency);
            scales = new HashMap<>();
            base.scales.forEach((currency, counts) -> scales.put(currency, new HashMap<>(counts)));
            cycleSum = base.cycleSum;
        }

        /** Counts a deal in ({@code sign} 1) or out (-1). */
        void count(FunnelFacts deal, int sign) {
            int stages = base.open.size();
            int side = sign > 0 ? 1 : 0;
            boolean won = false;
            int furthest = -1;
            for (FunnelFacts.Stay stay : deal.stays()) {
                won |= WON.equals(stay.kind());
                Integer at = base.index.get(stay.stage());
                if (at == null) {
                    continue;
                }
                // a deal has one stay per stage: the report counts it once however often it was there
                furthest = Math.max(furthest, at);
                reachedStrict[at] += sign;
                if (stay.exitedAt() == null) {
                    latest[side][at].going(stay.enteredAt().toEpochMilli(), 0);
                    cumulative[side][at].going(stay.enteredAt().toEpochMilli(), stay.completedMillis());
                } else {
                    latest[side][at].ended(Duration.between(stay.enteredAt(), stay.exitedAt()).toMillis());
                    cumulative[side][at].ended(stay.completedMillis());
                }
            }
            if (won) {
                furthest = stages - 1;
                reachedStrict[stages] += sign;
                reachedCumulative[stages] += sign;
            }
            for (int i = 0; i <= furthest; i++) {
                reachedCumulative[i] += sign;
            }
            Integer lossStage = deal.lossStage() == null ? null : base.index.get(deal.lossStage());
            if (LOST.equals(deal.status()) && lossStage != null) {
                lostHere[lossStage] += sign;
                add(reasons.get(lossStage), deal.lossReason(), sign);
            }
            Integer current = deal.stage() == null ? null : base.index.get(deal.stage());
            if (OPEN.equals(deal.status()) && current != null) {
                stillHere[current] += sign;
            }
            statuses[0] += sign;
            switch (String.valueOf(deal.status())) {
                case WON -> {
                    statuses[1] += sign;
                    long cycle = Duration.between(deal.openedAt(), deal.closedAt()).toMillis();
                    cycles[side].ended(cycle);
                    cycleSum += sign * cycle;
                    if (deal.amountValue() != null && deal.amountCurrency() != null) {
                        BigDecimal amount = new BigDecimal(deal.amountValue());
                        String currency = deal.amountCurrency();
                        revenue.merge(currency, sign > 0 ? amount : amount.negate(), BigDecimal::add);
                        add(wonPerCurrency, currency, sign);
                        add(scales.computeIfAbsent(currency, c -> new HashMap<>()), amount.scale(), sign);
                        if (!wonPerCurrency.containsKey(currency)) {
                            revenue.remove(currency);
                            scales.remove(currency);
                        }
                    }
                }
                case LOST -> statuses[2] += sign;
                default -> statuses[3] += sign;
            }
        }

        /** Adds {@code sign} to a count, which goes when it reaches 0 (as if never counted). */
        private static <K> void add(Map<K, Long> counts, K key, int sign) {
            counts.merge(key, (long) sign, (a, b) -> a + b == 0 ? null : a + b);
        }

        FunnelCohort result() {
            int stages = base.open.size();
            StayTimes[] nextLatest = new StayTimes[stages];
            StayTimes[] nextCumulative = new StayTimes[stages];
            List<Map<String, Long>> nextReasons = new ArrayList<>(stages);
            for (int i = 0; i < stages; i++) {
                nextLatest[i] = base.latest[i].with(latest[0][i], latest[1][i]);
                nextCumulative[i] = base.cumulative[i].with(cumulative[0][i], cumulative[1][i]);
                nextReasons.add(Map.copyOf(reasons.get(i)));
            }
            Map<String, Map<Integer, Long>> nextScales = new HashMap<>();
            scales.forEach((currency, counts) -> nextScales.put(currency, Map.copyOf(counts)));
            return new FunnelCohort(base.open, base.index, reachedCumulative, reachedStrict, lostHere, nextReasons,
                    stillHere, nextLatest, nextCumulative, statuses, Map.copyOf(revenue), Map.copyOf(wonPerCurrency),
                    Map.copyOf(nextScales), base.cycles.with(cycles[0], cycles[1]), cycleSum);
        }
    }
}
