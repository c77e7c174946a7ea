package dev.eventcrm.query.managerkpi;

import dev.eventcrm.query.report.Granularity;

import org.bson.Document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The managers report's arithmetic, free of storage: adds up the day buckets of the projections' manager-kpis
 * ({@code bucket:kpi:2026-11-24}, days of {@code zone}) of [from, to) per manager and period; a period with nothing
 * of a manager has no row. The buckets hold, per day and manager, what a row counts: facts are counted for their
 * manager on their day, and a deal's first response (the first call, meeting or e-mail about it or its contact at
 * or after its opening, by anyone) for the deal's opener on the day of its opening, unanswered deals not at all.
 * Teams add up their managers' rows (by the team each manager is in now); managers in no team are in no team row.
 */
final class ManagerKpis {
    static final String DAY_PREFIX = "bucket:kpi:";

    private final Granularity granularity;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    /** manager -> period start -> counters; sorted, so rows come out by manager, then period. */
    private final SortedMap<String, SortedMap<LocalDate, KpiCell>> cells = new TreeMap<>();

    ManagerKpis(Granularity granularity, LocalDate from, LocalDate to, ZoneId zone) {
        this.granularity = granularity;
        this.from = from;
        this.to = to;
        this.zone = zone;
    }

    /** The ids of the day buckets of [from, to). */
    List<String> bucketIds() {
        return from.datesUntil(to).map(day -> DAY_PREFIX + day).toList();
    }

    /** Adds a day bucket's {@code totals}: per counter, the sum of each manager (keyed as {@link #manager}). */
    ManagerKpis add(Document bucket) {
        LocalDate day = LocalDate.parse(bucket.getString("_id").substring(DAY_PREFIX.length()));
        Document totals = bucket.get("totals", Document.class);
        if (day.isBefore(from) || !day.isBefore(to) || totals == null) {
            return this;
        }
        LocalDate period = granularity.start(day);
        totals.forEach((counter, sums) -> ((Document) sums).forEach((key, sum) ->
                cells.computeIfAbsent(manager(key), id -> new TreeMap<>())
                        .computeIfAbsent(period, start -> new KpiCell())
                        .add(counter, new BigDecimal((String) sum))));
        return this;
    }

    /** Undoes the projection's encoding of a manager's id as a field name ('%', '.' and '$' percent-encoded). */
    static String manager(String key) {
        if (key.indexOf('%') < 0) {
            return key;
        }
        StringBuilder id = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '%' && i + 2 < key.length()) {
                id.append((char) Integer.parseInt(key.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                id.append(c);
            }
        }
        return id.toString();
    }

    /** The counters of {@code manager} in the period starting on {@code periodStart}; null without any. */
    KpiCell cell(String manager, LocalDate periodStart) {
        SortedMap<LocalDate, KpiCell> periods = cells.get(manager);
        return periods == null ? null : periods.get(periodStart);
    }

    /** Per manager, the counters of all its periods added up. */
    SortedMap<String, KpiCell> totals() {
        SortedMap<String, KpiCell> totals = new TreeMap<>();
        cells.forEach((manager, periods) -> {
            KpiCell total = new KpiCell();
            periods.values().forEach(total::add);
            totals.put(manager, total);
        });
        return totals;
    }

    /** The managers whose rows the report has: whose teams and overdue tasks it needs. */
    List<String> managers() {
        return List.copyOf(cells.keySet());
    }

    /**
     * @param teams   manager -> team now (absent: in no team)
     * @param overdue manager -> open tasks past due now
     * @param team    only this team's managers when not null
     * @param plans   what each row shows of the quotas
     */
    ManagerKpiView view(Map<String, String> teams, Map<String, Long> overdue, String team, Plans plans) {
        List<ManagerKpiView.ManagerRow> rows = new ArrayList<>();
        SortedMap<String, SortedMap<LocalDate, KpiCell>> teamCells = new TreeMap<>();
        cells.forEach((manager, periods) -> {
            String teamId = teams.get(manager);
            if (team != null && !team.equals(teamId)) {
                return;
            }
            periods.forEach((period, cell) -> {
                cell.tasksOverdue = overdue.getOrDefault(manager, 0L);
                rows.add(new ManagerKpiView.ManagerRow(manager, teamId, period.toString(), cell.callsView(),
                        cell.talkSeconds, cell.meetings, cell.emails, cell.tasksCompleted, cell.tasksOverdue,
                        cell.dealsOpened, cell.dealsWon, cell.dealsLost, cell.revenueView(), cell.winRate(),
                        cell.averageView(), cell.firstResponseMinutes(), plans.forManager(manager, period)));
                if (teamId != null) {
                    teamCells.computeIfAbsent(teamId, id -> new TreeMap<>())
                            .computeIfAbsent(period, day -> new KpiCell()).add(cell);
                }
            });
        });
        List<ManagerKpiView.TeamRow> teamRows = new ArrayList<>();
        teamCells.forEach((teamId, periods) -> periods.forEach((period, cell) -> teamRows.add(
                new ManagerKpiView.TeamRow(teamId, period.toString(), cell.callsView(), cell.talkSeconds,
                        cell.meetings, cell.emails, cell.tasksCompleted, cell.tasksOverdue, cell.dealsOpened,
                        cell.dealsWon, cell.dealsLost, cell.revenueView(), cell.winRate(), cell.averageView(),
                        cell.firstResponseMinutes(), plans.forTeam(teamId, period)))));
        return new ManagerKpiView(from.toString(), to.toString(), granularity.name().toLowerCase(Locale.ROOT),
                zone.getId(), rows, teamRows);
    }
}
