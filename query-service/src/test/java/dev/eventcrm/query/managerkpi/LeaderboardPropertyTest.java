package dev.eventcrm.query.managerkpi;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.query.ProjectedBuckets;
import dev.eventcrm.query.web.DateRange;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.query.report.Granularity;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * For random histories ({@link ManagerKpiPropertyTest#history}), ranges, zones, teams and report granularities, the
 * leaderboard by a metric equals the managers report's rows added up per manager over the range, sorted best first
 * (then by managerId) and ranked 1224. Checked for the metrics the rows determine: counts, revenue in one currency,
 * and the rates recomputed from the added-up counts (a mean first response and an average amount need counts the
 * rows do not show).
 */
class LeaderboardPropertyTest {
    /** Metric -> its value from a manager's rows added up; null: none. */
    private static final Map<LeaderboardMetric, Function<Sum, BigDecimal>> FROM_ROWS = Map.ofEntries(
            Map.entry(LeaderboardMetric.CALLS, sum -> BigDecimal.valueOf(sum.calls)),
            Map.entry(LeaderboardMetric.OUTBOUND, sum -> BigDecimal.valueOf(sum.outbound)),
            Map.entry(LeaderboardMetric.CONNECTED, sum -> BigDecimal.valueOf(sum.connected)),
            Map.entry(LeaderboardMetric.CONNECT_RATE, sum -> ratio(sum.connected, sum.calls)),
            Map.entry(LeaderboardMetric.TALK_SECONDS, sum -> BigDecimal.valueOf(sum.talkSeconds)),
            Map.entry(LeaderboardMetric.MEETINGS, sum -> BigDecimal.valueOf(sum.meetings)),
            Map.entry(LeaderboardMetric.EMAILS, sum -> BigDecimal.valueOf(sum.emails)),
            Map.entry(LeaderboardMetric.TASKS_COMPLETED, sum -> BigDecimal.valueOf(sum.tasksCompleted)),
            Map.entry(LeaderboardMetric.DEALS_OPENED, sum -> BigDecimal.valueOf(sum.dealsOpened)),
            Map.entry(LeaderboardMetric.DEALS_WON, sum -> BigDecimal.valueOf(sum.dealsWon)),
            Map.entry(LeaderboardMetric.DEALS_LOST, sum -> BigDecimal.valueOf(sum.dealsLost)),
            Map.entry(LeaderboardMetric.WIN_RATE, sum -> ratio(sum.dealsWon, sum.dealsWon + sum.dealsLost)),
            Map.entry(LeaderboardMetric.REVENUE_WON, sum -> sum.revenue));

    @Property(tries = 200)
    void theRankingIsTheReportsRowsAddedUpAndSorted(@ForAll long seed) {
        Random random = new Random(seed);
        List<ParsedEvent> events = ManagerKpiPropertyTest.history(random);
        ZoneId zone = ManagerKpiPropertyTest.ZONES.get(random.nextInt(ManagerKpiPropertyTest.ZONES.size()));
        LocalDate from = LocalDate.of(2030, 3, 1).plusDays(random.nextInt(10));
        LocalDate to = from.plusDays(1 + random.nextInt(60));
        String team = List.of("", "t1", "t2").get(random.nextInt(3));
        String teamId = team.isEmpty() ? null : team;
        String currency = random.nextBoolean() ? "EUR" : "USD";
        List<LeaderboardMetric> metrics = new ArrayList<>(FROM_ROWS.keySet());
        metrics.sort(Comparator.naturalOrder());
        LeaderboardMetric metric = metrics.get(random.nextInt(metrics.size()));

        Granularity granularity = Granularity.values()[random.nextInt(Granularity.values().length)];

        MongoDatabase database = KpiEvents.projected(events, zone, random, seed);
        try {
            ManagerKpis totals = KpiEvents.read(database, new ManagerKpis(Granularity.MONTH, from, to, zone));
            LeaderboardView leaderboard = Leaderboard.view(metric, new DateRange(from, to), zone, teamId, currency,
                    Integer.MAX_VALUE, totals.totals(), ManagerKpiPropertyTest.TEAMS);
            ManagerKpiView report = KpiEvents.read(database, new ManagerKpis(granularity, from, to, zone))
                    .view(ManagerKpiPropertyTest.TEAMS, Map.of(), teamId, Plans.none());
            assertThat(entries(leaderboard)).as("seed %s, %s", seed, metric)
                    .isEqualTo(expected(report, metric, currency, metric == LeaderboardMetric.REVENUE_WON));
        } finally {
            Mono.from(database.drop()).block(ProjectedBuckets.TIMEOUT);
        }
    }

    /** (rank, managerId, value) of each entry; values as decimals compared by value. */
    private static List<String> entries(LeaderboardView view) {
        return view.rows().stream().map(entry -> entry.rank() + " " + entry.managerId() + " "
                + new BigDecimal(entry.value().toString()).stripTrailingZeros().toPlainString()).toList();
    }

    private static List<String> expected(ManagerKpiView report, LeaderboardMetric metric, String currency,
                                         boolean money) {
        Map<String, Sum> sums = new TreeMap<>();
        report.rows().forEach(row -> sums.computeIfAbsent(row.managerId(), id -> new Sum(money ? BigDecimal.ZERO
                : null)).add(row, currency));
        record Valued(String manager, BigDecimal value) {
        }
        List<Valued> valued = new ArrayList<>();
        sums.forEach((manager, sum) -> valued.add(new Valued(manager, FROM_ROWS.get(metric).apply(sum))));
        valued.removeIf(v -> v.value() == null);
        valued.sort(Comparator.comparing(Valued::value, Comparator.reverseOrder()).thenComparing(Valued::manager));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < valued.size(); i++) {
            // 1224: one more than how many are strictly better
            BigDecimal value = valued.get(i).value();
            long better = valued.stream().filter(v -> v.value().compareTo(value) > 0).count();
            expected.add((better + 1) + " " + valued.get(i).manager() + " "
                    + value.stripTrailingZeros().toPlainString());
        }
        return expected;
    }

    private static BigDecimal ratio(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4,
                RoundingMode.HALF_UP);
    }

    /** One manager's rows added up. */
    private static final class Sum {
        long calls;
        long outbound;
        long connected;
        long talkSeconds;
        long meetings;
        long emails;
        long tasksCompleted;
        long dealsOpened;
        long dealsWon;
        long dealsLost;
        BigDecimal revenue;

        Sum(BigDecimal revenue) {
            this.revenue = revenue;
        }

        void add(ManagerKpiView.ManagerRow row, String currency) {
            calls += row.calls().total();
            outbound += row.calls().outbound();
            connected += row.calls().connected();
            talkSeconds += row.talkSeconds();
            meetings += row.meetings();
            emails += row.emails();
            tasksCompleted += row.tasksCompleted();
            dealsOpened += row.dealsOpened();
            dealsWon += row.dealsWon();
            dealsLost += row.dealsLost();
            if (revenue != null && row.revenueWon().containsKey(currency)) {
                revenue = revenue.add(new BigDecimal(row.revenueWon().get(currency)));
            }
        }
    }
}
