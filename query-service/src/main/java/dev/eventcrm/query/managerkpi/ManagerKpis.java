package dev.eventcrm.query.managerkpi;

import dev.eventcrm.query.report.Granularity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The managers report's arithmetic, free of storage: facts in [from, to) (days of {@code zone}) are counted for
 * their manager in the period their day starts; a period with nothing of a manager has no row. Teams add up their
 * managers' rows (by the team each manager is in now); managers in no team are in no team row.
 */
final class ManagerKpis {
    private final Granularity granularity;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    private final Instant start;
    private final Instant end;
    /** manager -> period start -> counters; sorted, so rows come out by manager, then period. */
    private final SortedMap<String, SortedMap<LocalDate, KpiCell>> cells = new TreeMap<>();

    ManagerKpis(Granularity granularity, LocalDate from, LocalDate to, ZoneId zone) {
        this.granularity = granularity;
        this.from = from;
        this.to = to;
        this.zone = zone;
        this.start = from.atStartOfDay(zone).toInstant();
        this.end = to.atStartOfDay(zone).toInstant();
    }

    /** The first instant of {@code from} in the zone: facts before it are not counted. */
    Instant start() {
        return start;
    }

    /** The first instant of {@code to} in the zone (exclusive). */
    Instant end() {
        return end;
    }

    ManagerKpis add(KpiDocument document) {
        for (KpiDocument.Fact fact : document.facts()) {
            if (fact.managerId() == null || fact.at().isBefore(start) || !fact.at().isBefore(end)) {
                continue;
            }
            LocalDate period = granularity.start(LocalDate.ofInstant(fact.at(), zone));
            cells.computeIfAbsent(fact.managerId(), id -> new TreeMap<>())
                    .computeIfAbsent(period, day -> new KpiCell()).add(fact, document);
        }
        return this;
    }

    /** The managers whose rows the report has: whose teams and overdue tasks it needs. */
    List<String> managers() {
        return List.copyOf(cells.keySet());
    }

    /**
     * @param teams   manager -> team now (absent: in no team)
     * @param overdue manager -> open tasks past due now
     * @param team    only this team's managers when not null
     */
    ManagerKpiView view(Map<String, String> teams, Map<String, Long> overdue, String team) {
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
                        cell.averageView(), null, List.of()));
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
                        cell.dealsWon, cell.dealsLost, cell.revenueView(), cell.winRate(), cell.averageView(), null,
                        List.of()))));
        return new ManagerKpiView(from.toString(), to.toString(), granularity.name().toLowerCase(Locale.ROOT),
                zone.getId(), rows, teamRows);
    }
}
