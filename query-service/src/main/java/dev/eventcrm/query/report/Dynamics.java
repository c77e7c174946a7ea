package dev.eventcrm.query.report;

import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The dynamics over [from, to), added up from the per-day buckets the projections' deal-facts keep in
 * {@code deal_facts} (days of the installation's zone): a deal counts as opened on the day it was opened; as won
 * (with its current amount as revenue) or lost on the day of its current win or loss, so a reopened deal no longer
 * counts as won or lost and a deal won twice counts once, on its last win; every stage move, reopens and moves into
 * WON or LOST included, counts on its day.
 */
final class Dynamics {
    static final String DAY_PREFIX = "bucket:day:";

    private final Granularity granularity;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final Map<LocalDate, Counts> periods = new TreeMap<>();

    Dynamics(Granularity granularity, LocalDate from, LocalDate to, ZoneId zone) {
        this.granularity = granularity;
        this.from = from;
        this.to = to;
        this.zone = zone;
        for (LocalDate period = granularity.start(from); period.isBefore(to); period = granularity.next(period)) {
            periods.put(period, new Counts());
        }
    }

    private static final class Counts {
        long opened;
        long won;
        long lost;
        long moves;
        final Map<String, BigDecimal> revenue = new TreeMap<>();
    }

    /** The ids of the day buckets of [from, to). */
    List<String> bucketIds() {
        return from.datesUntil(to).map(day -> DAY_PREFIX + day).toList();
    }

    /** Adds a day bucket's {@code totals}. */
    Dynamics add(Document bucket) {
        LocalDate day = LocalDate.parse(bucket.getString("_id").substring(DAY_PREFIX.length()));
        Counts counts = day.isBefore(from) || !day.isBefore(to) ? null : periods.get(granularity.start(day));
        Document totals = bucket.get("totals", Document.class);
        if (counts == null || totals == null) {
            return this;
        }
        counts.opened += counter(totals, "opened");
        counts.won += counter(totals, "won");
        counts.lost += counter(totals, "lost");
        counts.moves += counter(totals, "moves");
        Document revenue = totals.get("revenue", Document.class);
        if (revenue != null) {
            revenue.forEach((currency, sum) -> counts.revenue.merge(currency, new BigDecimal((String) sum),
                    BigDecimal::add));
        }
        return this;
    }

    private static long counter(Document totals, String name) {
        Number value = totals.get(name, Number.class);
        return value == null ? 0 : value.longValue();
    }

    DynamicsView view() {
        List<DynamicsView.Period> rows = new ArrayList<>();
        periods.forEach((start, counts) -> rows.add(new DynamicsView.Period(start.toString(), counts.opened,
                counts.won, counts.lost, counts.revenue.entrySet().stream()
                        .map(sum -> new DynamicsView.Revenue(sum.getKey(), sum.getValue().toPlainString())).toList(),
                counts.moves)));
        return new DynamicsView(granularity.name().toLowerCase(Locale.ROOT), from.toString(), to.toString(),
                zone.getId(), rows);
    }
}
