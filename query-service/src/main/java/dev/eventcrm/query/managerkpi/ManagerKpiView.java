package dev.eventcrm.query.managerkpi;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.math.BigDecimal;
import java.util.List;
import java.util.SortedMap;

/**
 * {@code GET /api/v1/reports/managers}. Ratios are decimals in [0, 1] with 4 places (half up), null when their
 * denominator is 0; amounts are exact decimal strings per currency.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ManagerKpiView(String from, String to, String granularity, String timeZone, List<ManagerRow> rows,
                             List<TeamRow> teams) {

    /** One manager in one period; {@code teamId} is the manager's team now. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ManagerRow(String managerId, String teamId, String period, Calls calls, long talkSeconds,
                             long meetings, long emails, long tasksCompleted, long tasksOverdue, long dealsOpened,
                             long dealsWon, long dealsLost, SortedMap<String, String> revenueWon, BigDecimal winRate,
                             SortedMap<String, String> avgWonAmount, BigDecimal firstResponseMinutes,
                             List<Plan> plans) {
    }

    /** The same counts added up over a team's managers in one period. */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TeamRow(String teamId, String period, Calls calls, long talkSeconds, long meetings, long emails,
                          long tasksCompleted, long tasksOverdue, long dealsOpened, long dealsWon, long dealsLost,
                          SortedMap<String, String> revenueWon, BigDecimal winRate,
                          SortedMap<String, String> avgWonAmount, BigDecimal firstResponseMinutes, List<Plan> plans) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Calls(long total, long outbound, long connected, BigDecimal connectRate) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Plan(String metric, String target, String actual, BigDecimal attainment) {
    }
}
