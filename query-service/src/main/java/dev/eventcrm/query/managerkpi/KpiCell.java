package dev.eventcrm.query.managerkpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** The counters of one manager (or team) in one period; money per currency, exact. */
final class KpiCell {
    /** The buckets' counter fields, as {@link #count} takes them (the projections' {@code KpiBuckets}). */
    static final List<String> COUNTERS = List.of("calls", "outbound", "connected", "talkSeconds", "meetings",
            "emails", "tasksCompleted", "dealsOpened", "dealsWon", "dealsLost", "responseMillis", "responses");
    private static final int RATIO_SCALE = 4;
    private static final long MILLIS_PER_MINUTE = 60_000;

    long calls;
    long outbound;
    long connected;
    long talkSeconds;
    long meetings;
    long emails;
    long tasksCompleted;
    long tasksOverdue;
    long dealsOpened;
    long dealsWon;
    long dealsLost;
    /** Σ and count of first-response times of the deals opened (milliseconds). */
    long responseMillis;
    long responses;
    private final SortedMap<String, BigDecimal> revenueWon = new TreeMap<>();
    /** Won deals with an amount, per currency: the average's denominator. */
    private final SortedMap<String, Long> wonWithAmount = new TreeMap<>();

    /** Counts {@code n} of one of {@link #COUNTERS}. */
    void count(String field, long n) {
        switch (field) {
            case "calls" -> calls += n;
            case "outbound" -> outbound += n;
            case "connected" -> connected += n;
            case "talkSeconds" -> talkSeconds += n;
            case "meetings" -> meetings += n;
            case "emails" -> emails += n;
            case "tasksCompleted" -> tasksCompleted += n;
            case "dealsOpened" -> dealsOpened += n;
            case "dealsWon" -> dealsWon += n;
            case "dealsLost" -> dealsLost += n;
            case "responseMillis" -> responseMillis += n;
            case "responses" -> responses += n;
            default -> throw new IllegalArgumentException("not a KPI counter: " + field);
        }
    }

    /** {@code deals} won deals with an amount in {@code currency}, adding up to {@code revenue}. */
    void won(String currency, BigDecimal revenue, long deals) {
        revenueWon.merge(currency, revenue, BigDecimal::add);
        wonWithAmount.merge(currency, deals, Long::sum);
    }

    void add(KpiCell other) {
        calls += other.calls;
        outbound += other.outbound;
        connected += other.connected;
        talkSeconds += other.talkSeconds;
        meetings += other.meetings;
        emails += other.emails;
        tasksCompleted += other.tasksCompleted;
        tasksOverdue += other.tasksOverdue;
        dealsOpened += other.dealsOpened;
        dealsWon += other.dealsWon;
        dealsLost += other.dealsLost;
        responseMillis += other.responseMillis;
        responses += other.responses;
        other.revenueWon.forEach((currency, sum) -> revenueWon.merge(currency, sum, BigDecimal::add));
        other.wonWithAmount.forEach((currency, count) -> wonWithAmount.merge(currency, count, Long::sum));
    }

    ManagerKpiView.Calls callsView() {
        return new ManagerKpiView.Calls(calls, outbound, connected, ratio(connected, calls));
    }

    BigDecimal winRate() {
        return ratio(dealsWon, dealsWon + dealsLost);
    }

    /** The mean first response in minutes, 2 places, half up; null without any. */
    BigDecimal firstResponseMinutes() {
        return responses == 0 ? null : BigDecimal.valueOf(responseMillis)
                .divide(BigDecimal.valueOf(responses * MILLIS_PER_MINUTE), 2, RoundingMode.HALF_UP);
    }

    /** Revenue won in {@code currency}; null without any. */
    BigDecimal revenue(String currency) {
        return revenueWon.get(currency);
    }

    /** The average won amount in {@code currency}, at the sum's scale, half up; null without any. */
    BigDecimal average(String currency) {
        BigDecimal sum = revenueWon.get(currency);
        return sum == null ? null
                : sum.divide(BigDecimal.valueOf(wonWithAmount.get(currency)), sum.scale(), RoundingMode.HALF_UP);
    }

    /** Won deals with an amount, per currency. */
    SortedMap<String, Long> wonWithAmount() {
        return Collections.unmodifiableSortedMap(wonWithAmount);
    }

    SortedMap<String, String> revenueView() {
        SortedMap<String, String> view = new TreeMap<>();
        revenueWon.forEach((currency, sum) -> view.put(currency, sum.toPlainString()));
        return view;
    }

    /** Per currency, at the sum's scale, half up. */
    SortedMap<String, String> averageView() {
        SortedMap<String, String> view = new TreeMap<>();
        revenueWon.keySet().forEach(currency -> view.put(currency, average(currency).toPlainString()));
        return view;
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), RATIO_SCALE, RoundingMode.HALF_UP);
    }
}
