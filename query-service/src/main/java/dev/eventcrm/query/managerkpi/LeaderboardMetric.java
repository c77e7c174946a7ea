package dev.eventcrm.query.managerkpi;

import dev.eventcrm.api.ApiException;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the leaderboard ranks by: the managers report's metrics, each of one manager's counters over the whole range
 * (ratios and means from the range's totals, not averaged over periods). Named as in the report's rows. Higher is
 * better except for {@code firstResponseMinutes}. Money is in one currency; a manager with nothing won in it has
 * 0 revenue and no average. {@code tasksOverdue} (a number as of now, not of the range) and plan attainment (of a
 * month or quarter, not of any range) are not metrics here.
 */
enum LeaderboardMetric {
    CALLS("calls", cell -> count(cell.calls)),
    OUTBOUND("outbound", cell -> count(cell.outbound)),
    CONNECTED("connected", cell -> count(cell.connected)),
    CONNECT_RATE("connectRate", cell -> cell.callsView().connectRate()),
    TALK_SECONDS("talkSeconds", cell -> count(cell.talkSeconds)),
    MEETINGS("meetings", cell -> count(cell.meetings)),
    EMAILS("emails", cell -> count(cell.emails)),
    TASKS_COMPLETED("tasksCompleted", cell -> count(cell.tasksCompleted)),
    DEALS_OPENED("dealsOpened", cell -> count(cell.dealsOpened)),
    DEALS_WON("dealsWon", cell -> count(cell.dealsWon)),
    DEALS_LOST("dealsLost", cell -> count(cell.dealsLost)),
    WIN_RATE("winRate", KpiCell::winRate),
    REVENUE_WON("revenueWon", true, false,
            (cell, currency) -> Objects.requireNonNullElse(currency == null ? null : cell.revenue(currency),
                    BigDecimal.ZERO)),
    AVG_WON_AMOUNT("avgWonAmount", true, false, (cell, currency) -> currency == null ? null : cell.average(currency)),
    FIRST_RESPONSE_MINUTES("firstResponseMinutes", false, true, (cell, currency) -> cell.firstResponseMinutes());

    private final String id;
    private final boolean money;
    private final boolean lowerIsBetter;
    private final BiFunction<KpiCell, String, BigDecimal> value;

    LeaderboardMetric(String id, Function<KpiCell, BigDecimal> value) {
        this(id, false, false, (cell, currency) -> value.apply(cell));
    }

    LeaderboardMetric(String id, boolean money, boolean lowerIsBetter, BiFunction<KpiCell, String, BigDecimal> value) {
        this.id = id;
        this.money = money;
        this.lowerIsBetter = lowerIsBetter;
        this.value = value;
    }

    /** Case ignored; a 400 problem naming {@code metric}, with the known ones, otherwise. */
    static LeaderboardMetric parse(String raw) {
        String name = raw == null ? "" : raw.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(metric -> metric.id.toLowerCase(Locale.ROOT).equals(name)).findFirst()
                .orElseThrow(() -> ApiException.invalid("metric", (name.isEmpty() ? "is required" : "is unknown")
                        + "; one of " + Arrays.stream(values()).map(LeaderboardMetric::id)
                        .collect(Collectors.joining(", "))));
    }

    String id() {
        return id;
    }

    boolean money() {
        return money;
    }

    boolean lowerIsBetter() {
        return lowerIsBetter;
    }

    /** One manager's value over the range; null when it has none (a ratio over nothing, no answered deal). */
    BigDecimal of(KpiCell totals, String currency) {
        return value.apply(totals, currency);
    }

    private static BigDecimal count(long count) {
        return BigDecimal.valueOf(count);
    }
}
