package dev.eventcrm.query.managerkpi;

import dev.eventcrm.query.web.DateRange;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Ranks managers by one metric over their totals: best first (highest, or lowest where lower is better), equal
 * values by managerId; equal values (by {@link BigDecimal#compareTo}, so 1.0 = 1.00) share a rank and the next rank
 * skips ("1224"). Managers without a value (see {@link LeaderboardMetric#of}) are not ranked.
 */
final class Leaderboard {
    private Leaderboard() {
    }

    /**
     * @param totals   manager -> counters over the range (of every manager with a fact in it)
     * @param teams    manager -> team now
     * @param team     only this team's managers when not null
     * @param currency a money metric's currency; null: the one most of the ranked managers' won deals are in
     */
    static LeaderboardView view(LeaderboardMetric metric, DateRange range, ZoneId zone, String team, String currency,
                                int limit, Map<String, KpiCell> totals, Map<String, String> teams) {
        Map<String, KpiCell> ranked = new TreeMap<>(totals);
        if (team != null) {
            ranked.keySet().removeIf(manager -> !team.equals(teams.get(manager)));
        }
        String in = !metric.money() ? null : currency != null ? currency : mostWonIn(ranked);
        List<LeaderboardView.Entry> entries = rank(metric, in, ranked, teams);
        return new LeaderboardView(metric.id(), metric.lowerIsBetter() ? "asc" : "desc", range.from().toString(),
                range.to().toString(), zone.getId(), team, in, entries.size(),
                List.copyOf(entries.subList(0, Math.min(limit, entries.size()))));
    }

    /** The currency most won deals (with an amount) are in; on a tie the first alphabetically; null without any. */
    private static String mostWonIn(Map<String, KpiCell> totals) {
        Map<String, Long> counts = new TreeMap<>();
        totals.values().forEach(cell -> cell.wonWithAmount().forEach((currency, n) ->
                counts.merge(currency, n, Long::sum)));
        return counts.entrySet().stream().max(Map.Entry.<String, Long>comparingByValue()
                        .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                .map(Map.Entry::getKey).orElse(null);
    }

    private static List<LeaderboardView.Entry> rank(LeaderboardMetric metric, String currency, Map<String, KpiCell> totals,
                                            Map<String, String> teams) {
        record Valued(String managerId, BigDecimal value) {
        }
        Comparator<BigDecimal> better = metric.lowerIsBetter() ? Comparator.naturalOrder()
                : Comparator.reverseOrder();
        List<Valued> valued = new ArrayList<>();
        totals.forEach((manager, cell) -> {
            BigDecimal value = metric.of(cell, currency);
            if (value != null) {
                valued.add(new Valued(manager, value));
            }
        });
        valued.sort(Comparator.comparing(Valued::value, better).thenComparing(Valued::managerId));
        List<LeaderboardView.Entry> entries = new ArrayList<>();
        for (int i = 0; i < valued.size(); i++) {
            Valued entry = valued.get(i);
            int rank = i > 0 && valued.get(i - 1).value().compareTo(entry.value()) == 0
                    ? entries.get(i - 1).rank() : i + 1;
            entries.add(new LeaderboardView.Entry(rank, entry.managerId(), teams.get(entry.managerId()),
                    metric.money() ? entry.value().toPlainString() : entry.value()));
        }
        return entries;
    }
}
