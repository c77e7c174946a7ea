package dev.eventcrm.query.managerkpi;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * {@code GET /api/v1/reports/leaderboard}: managers ranked by one metric over [{@code from}, {@code to}).
 *
 * @param order    {@code desc} (higher is better) or {@code asc} (lower is better: first-response time)
 * @param currency the currency of a money metric (null for the others, and when nothing was won)
 * @param ranked   how many managers have a value, before {@code limit}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record LeaderboardView(String metric, String order, String from, String to, String timeZone, String team,
                       String currency, int ranked, List<Entry> rows) {

    /**
     * @param rank  standard competition ranking: equal values share a rank, the next rank skips (1, 2, 2, 4)
     * @param value a JSON number; a decimal string for money, as amounts are everywhere in the API
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entry(int rank, String managerId, String teamId, Object value) {
    }
}
