package dev.eventcrm.query.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Open, weighted and won amounts of one report cell, per currency (amounts in different currencies are never added
 * up), exactly: BigDecimal over the stored decimal strings, no double anywhere.
 */
final class CurrencyTotals {
    private final SortedMap<String, BigDecimal[]> sums = new TreeMap<>();

    /**
     * An open deal's amount, and that amount times the stage's probability percent. The product is exact (a
     * percent moves the decimal point by two), so no rounding happens at any point.
     */
    void addOpen(String currency, BigDecimal amount, int probability) {
        BigDecimal[] cell = cell(currency);
        cell[0] = cell[0].add(amount);
        cell[1] = cell[1].add(amount.multiply(BigDecimal.valueOf(probability)).movePointLeft(2));
    }

    void addWon(String currency, BigDecimal amount) {
        BigDecimal[] cell = cell(currency);
        cell[2] = cell[2].add(amount);
    }

    List<ForecastView.Totals> view() {
        return sums.entrySet().stream().map(sum -> new ForecastView.Totals(sum.getKey(),
                sum.getValue()[0].toPlainString(), plain(sum.getValue()[1], sum.getValue()[0].scale()),
                sum.getValue()[2].toPlainString())).toList();
    }

    /** The exact value with its needless trailing zeros dropped, but at least the amount's decimal places. */
    private static String plain(BigDecimal value, int minScale) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < minScale ? stripped.setScale(minScale) : stripped).toPlainString();
    }

    private BigDecimal[] cell(String currency) {
        return sums.computeIfAbsent(currency, key -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ZERO});
    }
}
