package dev.eventcrm.query.report;

import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static dev.eventcrm.query.mongo.Documents.document;
import static dev.eventcrm.query.mongo.Documents.instant;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * The reference the day buckets are checked against: the dynamics added up deal by deal from the {@code deal_facts}
 * documents, as the report did before the buckets (and as {@link Dynamics}' definitions read).
 */
final class FactDynamics {
    private final Granularity granularity;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final Map<LocalDate, Counts> periods = new TreeMap<>();

    FactDynamics(Granularity granularity, LocalDate from, LocalDate to, ZoneId zone) {
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

    FactDynamics add(Document deal) {
        Counts opened = counts(instant(deal, "openedAt"));
        if (opened != null) {
            opened.opened++;
        }
        Counts lost = counts(instant(deal, "lostAt"));
        if (lost != null) {
            lost.lost++;
        }
        Counts won = counts(instant(deal, "wonAt"));
        if (won != null) {
            won.won++;
            Document amount = document(deal, "amount");
            if (amount != null && string(amount, "value") != null && string(amount, "currency") != null) {
                won.revenue.merge(string(amount, "currency"), new BigDecimal(string(amount, "value")),
                        BigDecimal::add);
            }
        }
        for (Date move : deal.getList("moves", Date.class, List.of())) {
            Counts moved = counts(move.toInstant());
            if (moved != null) {
                moved.moves++;
            }
        }
        return this;
    }

    /** The period {@code at} falls in; null when it is outside [from, to) or absent. */
    private Counts counts(Instant at) {
        if (at == null) {
            return null;
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        return day.isBefore(from) || !day.isBefore(to) ? null : periods.get(granularity.start(day));
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
