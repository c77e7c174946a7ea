package dev.eventcrm.query.report;

import dev.eventcrm.query.mongo.ShareKey;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The forecast of one pipeline over the months {@code first..last}, added up from the month buckets the projections'
 * deal-facts keep in {@code deal_facts} ({@code bucket:fc:<pipeline>:open:<YYYY-MM>} per expected close month,
 * {@code ...:open:undated}, {@code ...:open:early} for those before 2000, {@code ...:won:<YYYY-MM>} per month of the
 * win in the installation's zone). An open deal counts in the month of its expected close date, in {@code overdue}
 * when that month has passed, in {@code undated} without one; a won deal counts as won in the month of its win. An
 * open deal counts for its current owner, a won one for the owner it had when it was won. A deal without an amount
 * counts in the deal counts but adds to no total. The buckets hold open amounts per owner, stage and currency, so the
 * current probabilities weigh them here: Σ amount × p = p × Σ amount, exact.
 * <p>
 * Reads are bounded by the calendar, not by the deals: the window's open and won months (at most 2 × 24), the
 * undated and early buckets, and for {@code overdue} every month from 2000-01 to the one before the current month
 * (12 a year; 315 ids in 2026), by {@code _id}, most of them absent. That assumes the current month is after 2000-01.
 */
final class Forecast {
    static final String PREFIX = "bucket:fc:";
    private static final YearMonth FIRST_MONTH = YearMonth.of(2000, 1);
    private static final Comparator<String> OWNERS = Comparator.nullsFirst(Comparator.naturalOrder());

    private final YearMonth first;
    private final YearMonth last;
    private final ZoneId zone;
    private final Map<String, Integer> probabilities;
    private final Map<YearMonth, Map<String, Cell>> months = new TreeMap<>();
    private final Map<String, Cell> overdue = new TreeMap<>(OWNERS);
    private final Map<String, Cell> undated = new TreeMap<>(OWNERS);
    /** Bucket id -> the owners' cells it adds to. */
    private final Map<String, Target> targets = new LinkedHashMap<>();

    /** @param probabilities the pipeline's stages' probabilities; a stage it lacks weighs 0, as on the board */
    Forecast(String pipelineId, YearMonth first, YearMonth last, ZoneId zone, Map<String, Integer> probabilities) {
        this.first = first;
        this.last = last;
        this.zone = zone;
        this.probabilities = probabilities;
        String prefix = PREFIX + pipelineId;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            Map<String, Cell> owners = new TreeMap<>(OWNERS);
            months.put(month, owners);
            targets.put(prefix + ":open:" + month, new Target(owners, false));
            targets.put(prefix + ":won:" + month, new Target(owners, true));
        }
        targets.put(prefix + ":open:undated", new Target(undated, false));
        targets.put(prefix + ":open:early", new Target(overdue, false));
        for (YearMonth month = FIRST_MONTH; month.isBefore(first); month = month.plusMonths(1)) {
            targets.put(prefix + ":open:" + month, new Target(overdue, false));
        }
    }

    /** The cells a bucket adds to, and whether it holds won deals (or open ones). */
    private record Target(Map<String, Cell> cells, boolean won) {
    }

    private static final class Cell {
        int open;
        int won;
        final CurrencyTotals totals = new CurrencyTotals();
    }

    /** The ids of the buckets the report reads. */
    List<String> bucketIds() {
        return new ArrayList<>(targets.keySet());
    }

    /** Adds a bucket's {@code totals}. */
    Forecast add(Document bucket) {
        Target target = targets.get(bucket.getString("_id"));
        Document totals = bucket.get("totals", Document.class);
        if (target == null || totals == null) {
            return this;
        }
        Map<String, Cell> cells = target.cells();
        ShareKey.sums(totals, "deals").forEach((key, count) -> {
            Cell cell = cell(cells, ShareKey.values(key).get(0));
            if (target.won()) {
                cell.won += count.intValueExact();
            } else {
                cell.open += count.intValueExact();
            }
        });
        ShareKey.sums(totals, "open").forEach((key, sum) -> {
            List<String> ownerStageCurrency = ShareKey.values(key);
            cell(cells, ownerStageCurrency.get(0)).totals.addOpen(ownerStageCurrency.get(2), sum,
                    probabilities.getOrDefault(ownerStageCurrency.get(1), 0));
        });
        ShareKey.sums(totals, "won").forEach((key, sum) -> {
            List<String> ownerCurrency = ShareKey.values(key);
            cell(cells, ownerCurrency.get(0)).totals.addWon(ownerCurrency.get(1), sum);
        });
        return this;
    }

    private static Cell cell(Map<String, Cell> cells, String owner) {
        return cells.computeIfAbsent(owner, key -> new Cell());
    }

    ForecastView view(String pipelineId) {
        List<ForecastView.Month> rows = new ArrayList<>();
        months.forEach((month, owners) -> rows.add(new ForecastView.Month(month.toString(), owners(owners))));
        return new ForecastView(pipelineId, zone.getId(), first.toString(), last.toString(), rows, owners(overdue),
                owners(undated));
    }

    private static List<ForecastView.Owner> owners(Map<String, Cell> cells) {
        return cells.entrySet().stream().map(entry -> new ForecastView.Owner(entry.getKey(), entry.getValue().open,
                entry.getValue().won, entry.getValue().totals.view())).toList();
    }
}
