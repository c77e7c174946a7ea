package dev.eventcrm.query.managerkpi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The plans a report row shows. A quota applies to the month or quarter (of the installation's zone) the row's
 * period starts in: its target is the one in effect at the end of that month or quarter, or at {@code asOf} if that
 * is earlier (so a plan changed mid-period shows as it was then); its actual is the metric over the whole month or
 * quarter, counted as the rows count (a team's over the managers in it now); attainment = actual / target.
 */
final class Plans {
    private static final int RATIO_SCALE = 4;

    private final List<QuotaPlan> quotas;
    private final ManagerKpis months;
    private final Map<String, String> teams;
    private final Instant asOf;
    private final ZoneId zone;

    /**
     * @param months per manager and calendar month, over every month of the quarters the report touches
     * @param teams  manager -> team now
     */
    Plans(List<QuotaPlan> quotas, ManagerKpis months, Map<String, String> teams, Instant asOf, ZoneId zone) {
        this.quotas = quotas.stream().sorted(Comparator.comparing(QuotaPlan::metric).thenComparing(QuotaPlan::id))
                .toList();
        this.months = months;
        this.teams = teams;
        this.asOf = asOf;
        this.zone = zone;
    }

    static Plans none() {
        return new Plans(List.of(), null, Map.of(), Instant.MAX, ZoneId.of("UTC"));
    }

    /** The first day of the quarter {@code day} is in. */
    static LocalDate quarterStart(LocalDate day) {
        return day.withDayOfMonth(1).minusMonths((day.getMonthValue() - 1) % 3);
    }

    List<ManagerKpiView.Plan> forManager(String managerId, LocalDate periodStart) {
        return plans(periodStart, quota -> managerId.equals(quota.managerId()), List.of(managerId));
    }

    List<ManagerKpiView.Plan> forTeam(String teamId, LocalDate periodStart) {
        List<String> members = teams.entrySet().stream().filter(entry -> teamId.equals(entry.getValue()))
                .map(Map.Entry::getKey).toList();
        return plans(periodStart, quota -> teamId.equals(quota.teamId()), members);
    }

    private List<ManagerKpiView.Plan> plans(LocalDate periodStart, Predicate<QuotaPlan> whose,
                                            List<String> managers) {
        List<ManagerKpiView.Plan> plans = new ArrayList<>();
        for (QuotaPlan quota : quotas) {
            if (!whose.test(quota)) {
                continue;
            }
            boolean quarter = "QUARTER".equals(quota.period());
            LocalDate first = quarter ? quarterStart(periodStart) : periodStart.withDayOfMonth(1);
            LocalDate end = first.plusMonths(quarter ? 3 : 1);
            Instant endInstant = end.atStartOfDay(zone).toInstant();
            QuotaPlan.Target target = quota.targetBefore(asOf.isBefore(endInstant) ? asOf : endInstant);
            if (target == null) {
                continue;
            }
            BigDecimal actual = BigDecimal.ZERO;
            for (LocalDate month = first; month.isBefore(end); month = month.plusMonths(1)) {
                for (String manager : managers) {
                    KpiCell cell = months.cell(manager, month);
                    if (cell != null) {
                        actual = actual.add(actual(cell, quota.metric(), target.currency()));
                    }
                }
            }
            plans.add(new ManagerKpiView.Plan(quota.metric().toLowerCase(Locale.ROOT),
                    target.target().toPlainString(), actual.toPlainString(),
                    actual.divide(target.target(), RATIO_SCALE, RoundingMode.HALF_UP)));
        }
        return plans;
    }

    private static BigDecimal actual(KpiCell cell, String metric, String currency) {
        return switch (metric) {
            case "REVENUE_WON" -> Objects.requireNonNullElse(cell.revenue(currency), BigDecimal.ZERO);
            case "DEALS_WON" -> BigDecimal.valueOf(cell.dealsWon);
            case "CALLS" -> BigDecimal.valueOf(cell.calls);
            case "MEETINGS" -> BigDecimal.valueOf(cell.meetings);
            default -> BigDecimal.ZERO;
        };
    }
}
