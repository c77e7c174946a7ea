package dev.eventcrm.query.report;

import org.bson.Document;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static dev.eventcrm.query.mongo.Documents.document;
import static dev.eventcrm.query.mongo.Documents.instant;
import static dev.eventcrm.query.mongo.Documents.string;

/**
 * The reference the month buckets are checked against: the forecast of one pipeline over the months
 * {@code first..last}, added up deal by deal from {@code deal_facts} documents, as the report did before the buckets
 * (and as {@link Forecast}'s definitions read). An open deal counts in the month of its expected close date, in
 * {@code overdue} when that month has
 * passed, in {@code undated} without one; a won deal counts as won in the month of its win. An open deal counts for
 * its current owner, a won one for the owner it had when it was won. A deal without an amount counts in the deal counts but adds to no total.
 */
final class FactForecast {
    private static final Comparator<String> OWNERS = Comparator.nullsFirst(Comparator.naturalOrder());

    private final YearMonth first;
    private final YearMonth last;
    private final ZoneId zone;
    private final Map<String, Integer> probabilities;
    private final Map<YearMonth, Map<String, Cell>> months = new TreeMap<>();
    private final Map<String, Cell> overdue = new TreeMap<>(OWNERS);
    private final Map<String, Cell> undated = new TreeMap<>(OWNERS);

    /** @param probabilities the pipeline's stages' probabilities; a stage it lacks weighs 0, as on the board */
    FactForecast(YearMonth first, YearMonth last, ZoneId zone, Map<String, Integer> probabilities) {
        this.first = first;
        this.last = last;
        this.zone = zone;
        this.probabilities = probabilities;
        for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
            months.put(month, new TreeMap<>(OWNERS));
        }
    }

    private static final class Cell {
        int open;
        int won;
        final CurrencyTotals totals = new CurrencyTotals();
    }

    FactForecast add(Document deal) {
        Document amount = document(deal, "amount");
        String value = amount == null ? null : string(amount, "value");
        String currency = amount == null ? null : string(amount, "currency");
        String owner = string(deal, "ownerId");
        if ("OPEN".equals(string(deal, "status"))) {
            Cell cell = openCell(string(deal, "expectedCloseDate"), owner);
            if (cell == null) {
                return this;
            }
            cell.open++;
            if (value != null && currency != null) {
                cell.totals.addOpen(currency, new BigDecimal(value),
                        probabilities.getOrDefault(string(deal, "stage"), 0));
            }
        } else if ("WON".equals(string(deal, "status"))) {
            Cell cell = monthCell(YearMonth.from(instant(deal, "wonAt").atZone(zone)), string(deal, "wonBy"));
            if (cell == null) {
                return this;
            }
            cell.won++;
            if (value != null && currency != null) {
                cell.totals.addWon(currency, new BigDecimal(value));
            }
        }
        return this;
    }

    /** Null for a deal expected after the window. */
    private Cell openCell(String expectedCloseDate, String owner) {
        if (expectedCloseDate == null) {
            return undated.computeIfAbsent(owner, key -> new Cell());
        }
        YearMonth month = YearMonth.from(LocalDate.parse(expectedCloseDate));
        return month.isBefore(first) ? overdue.computeIfAbsent(owner, key -> new Cell()) : monthCell(month, owner);
    }

    /** Null outside the window. */
    private Cell monthCell(YearMonth month, String owner) {
        Map<String, Cell> owners = months.get(month);
        return owners == null ? null : owners.computeIfAbsent(owner, key -> new Cell());
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

    /** When the window's first month starts and its last one ends, in the zone: the won deals it shows. */
    Instant start() {
        return first.atDay(1).atStartOfDay(zone).toInstant();
    }

    Instant end() {
        return last.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant();
    }
}
