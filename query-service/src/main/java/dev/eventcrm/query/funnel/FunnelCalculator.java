package dev.eventcrm.query.funnel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import dev.eventcrm.query.pipeline.PipelineView;

/**
 * The funnel of a cohort, counted in memory from its deals' facts with exact decimals. Pure: the same facts, stages,
 * mode and "now" give the same report, which is what the property test holds it to.
 */
public final class FunnelCalculator {
    static final String UNIT = "seconds";
    private static final int RATIO_SCALE = 4;
    private static final int DAYS_SCALE = 2;
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toMillis());
    private static final String OPEN = "OPEN";
    private static final String WON = "WON";
    private static final String LOST = "LOST";

    private FunnelCalculator() {
    }

    /** @param stages the pipeline's stages in its latest order; only the OPEN ones get a row */
    public static FunnelView report(String pipelineId, FunnelMode mode, String from, String to,
                                    List<PipelineView.Stage> stages, List<FunnelFacts> cohort, Instant now) {
        List<String> open = stages.stream().filter(stage -> OPEN.equals(stage.kind())).map(PipelineView.Stage::id)
                .toList();
        long[] reached = new long[open.size() + 1]; // the last slot: the WON stage, the last OPEN stage's next
        for (FunnelFacts deal : cohort) {
            boolean won = deal.stays().stream().anyMatch(stay -> WON.equals(stay.kind()));
            int furthest = won ? open.size() - 1 : -1;
            for (FunnelFacts.Stay stay : deal.stays()) {
                furthest = Math.max(furthest, open.indexOf(stay.stage()));
            }
            for (int i = 0; i < open.size(); i++) {
                boolean in = mode == FunnelMode.CUMULATIVE ? i <= furthest : stayIn(deal, open.get(i)) != null;
                reached[i] += in ? 1 : 0;
            }
            reached[open.size()] += won ? 1 : 0;
        }
        List<FunnelView.StageRow> rows = new ArrayList<>(open.size());
        for (int i = 0; i < open.size(); i++) {
            rows.add(row(open.get(i), reached[i], reached[i + 1], cohort, now));
        }
        return new FunnelView(pipelineId, mode.value(), from, to, rows, totals(cohort));
    }

    private static FunnelView.StageRow row(String stage, long reached, long reachedNext, List<FunnelFacts> cohort,
                                           Instant now) {
        long lostHere = 0;
        long stillHere = 0;
        SortedMap<String, Long> reasons = new TreeMap<>();
        List<BigDecimal> latest = new ArrayList<>();
        List<BigDecimal> cumulative = new ArrayList<>();
        for (FunnelFacts deal : cohort) {
            if (LOST.equals(deal.status()) && stage.equals(deal.lossStage())) {
                lostHere++;
                reasons.merge(deal.lossReason(), 1L, Long::sum);
            }
            if (OPEN.equals(deal.status()) && stage.equals(deal.stage())) {
                stillHere++;
            }
            FunnelFacts.Stay stay = stayIn(deal, stage);
            if (stay != null) {
                // The stay still going lasts until now; a clock behind the event's time counts it as 0.
                long going = stay.exitedAt() == null ? Math.max(0, Duration.between(stay.enteredAt(), now).toMillis())
                        : 0;
                long last = stay.exitedAt() == null ? going : Duration.between(stay.enteredAt(), stay.exitedAt())
                        .toMillis();
                latest.add(BigDecimal.valueOf(last));
                cumulative.add(BigDecimal.valueOf(stay.completedMillis() + going));
            }
        }
        return new FunnelView.StageRow(stage, reached, ratio(reachedNext, reached), lostHere, reasons, stillHere,
                new FunnelView.TimeInStage(UNIT, latest.size(), spread(latest), spread(cumulative)));
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
                : median(sorted(cycles)).divide(MILLIS_PER_DAY, DAYS_SCALE, RoundingMode.HALF_UP);
        return new FunnelView.Totals(cohort.size(), won, lost, open, ratio(won, won + lost), revenueWon, avgCycle,
                medianCycle, average);
    }

    private static FunnelFacts.Stay stayIn(FunnelFacts deal, String stage) {
        return deal.stays().stream().filter(stay -> stay.stage().equals(stage)).findFirst().orElse(null);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATIO_SCALE, RoundingMode.HALF_UP);
    }

    /** Of milliseconds, in seconds (exact: at most 4 decimal places). */
    private static FunnelView.Spread spread(List<BigDecimal> millis) {
        if (millis.isEmpty()) {
            return new FunnelView.Spread(null, null);
        }
        List<BigDecimal> values = sorted(millis);
        // nearest rank: the smallest value with at least 90 % of the values at or below it
        int rank = (9 * values.size() + 9) / 10;
        return new FunnelView.Spread(median(values).movePointLeft(3), values.get(rank - 1).movePointLeft(3));
    }

    private static List<BigDecimal> sorted(List<BigDecimal> values) {
        return values.stream().sorted().toList();
    }

    private static BigDecimal median(List<BigDecimal> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2));
    }
}
