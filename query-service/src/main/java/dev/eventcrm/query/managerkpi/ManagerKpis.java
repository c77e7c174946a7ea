package dev.eventcrm.query.managerkpi;

import dev.eventcrm.query.report.Granularity;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The managers report's arithmetic, free of storage: facts in [from, to) (days of {@code zone}) are counted for
 * their manager in the period their day starts; a period with nothing of a manager has no row. Teams add up their
 * managers' rows (by the team each manager is in now); managers in no team are in no team row. A deal opened in the
 * range is answered by the first call, meeting or e-mail about it or its contact at or after its opening (by anyone);
 * the time to it counts for the deal's opener in the period of the opening, unanswered deals not at all.
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
    private final List<Opening> openings = new ArrayList<>();

    /** A deal opened in the range, waiting for its first response. */
    record Opening(String dealId, String contactId, Instant at, KpiCell cell) {
    }

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
            KpiCell cell = cells.computeIfAbsent(fact.managerId(), id -> new TreeMap<>())
                    .computeIfAbsent(period, day -> new KpiCell());
            cell.add(fact, document);
            if ("DEAL_OPENED".equals(fact.type())) {
                openings.add(new Opening(document.id(), document.contactId(), fact.at(), cell));
            }
        }
        return this;
    }

    /** The deals opened in the range: whose first responses {@link #respond} needs the activities of. */
    List<Opening> openings() {
        return List.copyOf(openings);
    }

    /** Counts each opening's first response among {@code activities} (others are ignored). */
    ManagerKpis respond(List<KpiDocument> activities) {
        Map<String, List<Instant>> byDeal = new HashMap<>();
        Map<String, List<Instant>> byContact = new HashMap<>();
        for (KpiDocument activity : activities) {
            if (!activity.isActivity()) {
                continue;
            }
            Instant at = activity.facts().get(0).at();
            if (activity.dealId() != null) {
                byDeal.computeIfAbsent(activity.dealId(), id -> new ArrayList<>()).add(at);
            }
            if (activity.contactId() != null) {
                byContact.computeIfAbsent(activity.contactId(), id -> new ArrayList<>()).add(at);
            }
        }
        for (Opening opening : openings) {
            Instant first = Stream.concat(byDeal.getOrDefault(opening.dealId(), List.of()).stream(),
                            byContact.getOrDefault(opening.contactId(), List.of()).stream())
                    .filter(at -> !at.isBefore(opening.at())).min(Comparator.naturalOrder()).orElse(null);
            if (first != null) {
                opening.cell().responseMillis += Duration.between(opening.at(), first).toMillis();
                opening.cell().responses++;
            }
        }
        return this;
    }

    /** The counters of {@code manager} in the period starting on {@code periodStart}; null without any. */
    KpiCell cell(String manager, LocalDate periodStart) {
        SortedMap<LocalDate, KpiCell> periods = cells.get(manager);
        return periods == null ? null : periods.get(periodStart);
    }

    /** Per manager, the counters of all its periods added up (after {@link #respond}, with the first responses). */
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
