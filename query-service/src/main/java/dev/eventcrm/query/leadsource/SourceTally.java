package dev.eventcrm.query.leadsource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;

/** The counts and sums of one lead source over the report's range; money per currency, exact. */
final class SourceTally {
    private static final int RATIO_SCALE = 4;
    private static final int DAYS_SCALE = 2;
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(Duration.ofDays(1).toMillis());

    private long contacts;
    private long dealsOpened;
    private long dealsWon;
    private long cycleMillis;
    private final SortedMap<String, BigDecimal> revenue = new TreeMap<>();
    private final SortedMap<String, BigDecimal> spend = new TreeMap<>();

    void contacts(long count) {
        contacts += count;
    }

    void opened(long count) {
        dealsOpened += count;
    }

    void won(long count) {
        dealsWon += count;
    }

    /** @param millis from the openings to the wins of won deals, added up */
    void cycle(long millis) {
        cycleMillis += millis;
    }

    void revenue(String currency, BigDecimal amount) {
        revenue.merge(currency, amount, BigDecimal::add);
    }

    /** Adds the deals of {@code other} (contacts and spend are counted per source, never per contact). */
    void add(SourceTally other) {
        dealsOpened += other.dealsOpened;
        dealsWon += other.dealsWon;
        cycleMillis += other.cycleMillis;
        other.revenue.forEach(this::revenue);
    }

    void spend(String currency, BigDecimal amount) {
        spend.merge(currency, amount, BigDecimal::add);
    }

    LeadSourceView.SourceRow row(String source) {
        return new LeadSourceView.SourceRow(source, contacts, dealsOpened, dealsWon, ratio(dealsWon, dealsOpened),
                plain(revenue), avgCycleDays(), plain(spend), perUnit(contacts), perUnit(dealsWon), roi());
    }

    private BigDecimal avgCycleDays() {
        return dealsWon == 0 ? null : BigDecimal.valueOf(cycleMillis)
                .divide(MILLIS_PER_DAY.multiply(BigDecimal.valueOf(dealsWon)), DAYS_SCALE, RoundingMode.HALF_UP);
    }

    /** The spend per lead or won deal, per currency at the spend's scale, half up; null when there are none. */
    private SortedMap<String, String> perUnit(long units) {
        if (units == 0) {
            return null;
        }
        SortedMap<String, String> view = new TreeMap<>();
        spend.forEach((currency, sum) -> view.put(currency,
                sum.divide(BigDecimal.valueOf(units), sum.scale(), RoundingMode.HALF_UP).toPlainString()));
        return view;
    }

    /**
     * (revenue - spend) / spend, when the spend is in one currency, more than zero, and no revenue is in another
     * (amounts are never converted); null otherwise.
     */
    private BigDecimal roi() {
        if (spend.size() != 1 || !spend.keySet().containsAll(revenue.keySet())) {
            return null;
        }
        String currency = spend.firstKey();
        BigDecimal cost = spend.get(currency);
        if (cost.signum() <= 0) {
            return null;
        }
        return revenue.getOrDefault(currency, BigDecimal.ZERO).subtract(cost)
                .divide(cost, RATIO_SCALE, RoundingMode.HALF_UP);
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATIO_SCALE, RoundingMode.HALF_UP);
    }

    private static SortedMap<String, String> plain(SortedMap<String, BigDecimal> sums) {
        SortedMap<String, String> view = new TreeMap<>();
        sums.forEach((currency, sum) -> view.put(currency, sum.toPlainString()));
        return view;
    }
}
