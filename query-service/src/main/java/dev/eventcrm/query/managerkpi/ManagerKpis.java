package dev.eventcrm.query.managerkpi;

import dev.eventcrm.query.mongo.ShareKey;
import dev.eventcrm.query.report.Granularity;
import org.bson.Document;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The managers report over [from, to) (days of {@code zone}, the installation's), added up from the buckets the
 * projections' manager-kpis keep in {@code manager_kpi_facts}: per day ({@code bucket:kpi:day:<date>}) and per month
 * ({@code bucket:kpi:month:<YYYY-MM>}), each fact counted for its manager on the day of its instant. A period with
 * nothing of a manager has no row. Months wholly in the range are read from their month bucket, the rest day by day,
 * so reads are bounded by the calendar, not by the facts. Teams add up their managers' rows (by the team each manager
 * is in now); managers in no team are in no team row. A deal opened in the range is answered by the first call,
 * meeting or e-mail about it or its contact at or after its opening (by anyone); the time to it counts for the deal's
 * opener in the period of the opening, unanswered deals not at all. The buckets hold those times as answered by the
 * contact's activities; a deal also answered by an activity logged against another contact is a row
 * ({@code foreignAnswers}) reconciled here with its contact's activities ({@link #reconcile}).
 */
final class ManagerKpis {
    static final String DAY_PREFIX = "bucket:kpi:day:";
    static final String MONTH_PREFIX = "bucket:kpi:month:";
    /** The projections' per-contact documents of first responses. */
    static final String RESPONSES = "resp:";

    private final Granularity granularity;
    private final LocalDate from;
    private final LocalDate to;
    private final ZoneId zone;
    /** bucket id -> the start of the period it counts in */
    private final Map<String, LocalDate> buckets = new LinkedHashMap<>();
    /** manager -> period start -> counters; sorted, so rows come out by manager, then period. */
    private final SortedMap<String, SortedMap<LocalDate, KpiCell>> cells = new TreeMap<>();
    private final List<ForeignAnswer> foreignAnswers = new ArrayList<>();

    /** A deal's first answer by an activity about it but logged against another contact, {@code millis} after it opened. */
    private record ForeignAnswer(String contactId, Instant openedAt, long millis, KpiCell cell) {
    }

    ManagerKpis(Granularity granularity, LocalDate from, LocalDate to, ZoneId zone) {
        this.granularity = granularity;
        this.from = from;
        this.to = to;
        this.zone = zone;
        if (granularity == Granularity.MONTH) {
            for (YearMonth month = YearMonth.from(from); month.atDay(1).isBefore(to); month = month.plusMonths(1)) {
                if (!month.atDay(1).isBefore(from) && !month.plusMonths(1).atDay(1).isAfter(to)) {
                    buckets.put(MONTH_PREFIX + month, month.atDay(1));
                } else {
                    LocalDate start = month.atDay(1);
                    LocalDate next = month.plusMonths(1).atDay(1);
                    (start.isBefore(from) ? from : start).datesUntil(next.isAfter(to) ? to : next)
                            .forEach(day -> buckets.put(DAY_PREFIX + day, start));
                }
            }
        } else {
            from.datesUntil(to).forEach(day -> buckets.put(DAY_PREFIX + day, granularity.start(day)));
        }
    }

    /** The ids of the buckets the report adds up. */
    Set<String> bucketIds() {
        return buckets.keySet();
    }

    /** Adds a bucket's {@code totals} to its period; buckets not among {@link #bucketIds} are ignored. */
    ManagerKpis add(Document bucket) {
        LocalDate period = buckets.get(bucket.getString("_id"));
        Document totals = bucket.get("totals", Document.class);
        if (period == null || totals == null) {
            return this;
        }
        for (String field : KpiCell.COUNTERS) {
            ShareKey.sums(totals, field).forEach((key, count) ->
                    counted(ShareKey.values(key).get(0), period).count(field, count.longValueExact()));
        }
        Map<String, BigDecimal> withAmount = ShareKey.sums(totals, "wonWithAmount");
        ShareKey.sums(totals, "revenueWon").forEach((key, revenue) -> {
            List<String> values = ShareKey.values(key);
            counted(values.get(0), period).won(values.get(1), revenue, withAmount.get(key).longValueExact());
        });
        ShareKey.sums(totals, "foreignAnswers").forEach((key, millis) -> {
            List<String> values = ShareKey.values(key); // deal, contact, opener, opening (epoch milliseconds)
            foreignAnswers.add(new ForeignAnswer(values.get(1), Instant.ofEpochMilli(Long.parseLong(values.get(3))),
                    millis.longValueExact(), counted(values.get(2), period)));
        });
        return this;
    }

    private KpiCell counted(String manager, LocalDate period) {
        return cells.computeIfAbsent(manager, id -> new TreeMap<>()).computeIfAbsent(period, day -> new KpiCell());
    }

    /** The contacts whose activities {@link #reconcile} needs: of deals also answered under another contact. */
    Set<String> answeredContacts() {
        return foreignAnswers.stream().map(ForeignAnswer::contactId).collect(Collectors.toSet());
    }

    /**
     * Counts each deal also answered by an activity logged against another contact by whichever answered first.
     *
     * @param touches contact -> the instants of the calls, meetings and e-mails about it (of {@link #answeredContacts})
     */
    ManagerKpis reconcile(Map<String, List<Instant>> touches) {
        for (ForeignAnswer answer : foreignAnswers) {
            Instant own = touches.getOrDefault(answer.contactId(), List.of()).stream()
                    .filter(at -> !at.isBefore(answer.openedAt())).min(Comparator.naturalOrder()).orElse(null);
            if (own == null) {
                answer.cell().responseMillis += answer.millis();
                answer.cell().responses++;
            } else {
                long ownMillis = Duration.between(answer.openedAt(), own).toMillis();
                answer.cell().responseMillis += Math.min(answer.millis(), ownMillis) - ownMillis;
            }
        }
        foreignAnswers.clear();
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
