package dev.eventcrm.query.segment;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.SortedMap;
import java.util.TreeMap;

/** A contact's value and engagement being added up: from the buckets of its own facts, then its merged contacts'. */
final class CustomerTally {
    private int won;
    private int open;
    private int activities30;
    private int activities90;
    private final SortedMap<String, BigDecimal> wonTotals = new TreeMap<>();
    private final SortedMap<String, Integer> wonByCurrency = new TreeMap<>();
    private Instant firstWonAt;
    private Instant lastWonAt;

    void won(int deals) {
        won += deals;
    }

    void open(int deals) {
        open += deals;
    }

    void wonIn(String currency, BigDecimal total, int deals) {
        wonTotals.merge(currency, total, BigDecimal::add);
        wonByCurrency.merge(currency, deals, Integer::sum);
    }

    void wonAt(Instant at) {
        firstWonAt = firstWonAt == null || at.isBefore(firstWonAt) ? at : firstWonAt;
        lastWonAt = lastWonAt == null || at.isAfter(lastWonAt) ? at : lastWonAt;
    }

    void activities(int last30, int last90) {
        activities30 += last30;
        activities90 += last90;
    }

    CustomerTally add(CustomerTally other) {
        won += other.won;
        open += other.open;
        activities30 += other.activities30;
        activities90 += other.activities90;
        other.wonTotals.forEach((currency, total) -> wonTotals.merge(currency, total, BigDecimal::add));
        other.wonByCurrency.forEach((currency, deals) -> wonByCurrency.merge(currency, deals, Integer::sum));
        if (other.firstWonAt != null) {
            wonAt(other.firstWonAt);
            wonAt(other.lastWonAt);
        }
        return this;
    }

    CustomerValue value() {
        return new CustomerValue(won, new TreeMap<>(wonTotals), new TreeMap<>(wonByCurrency), firstWonAt, lastWonAt,
                open, activities30, activities90);
    }
}
