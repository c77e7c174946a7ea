package dev.eventcrm.query.managerkpi;

import dev.eventcrm.query.web.DateRange;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.report.Granularity;
import dev.eventcrm.query.segment.SegmentProperties;
import dev.eventcrm.query.user.UserProperties;
import dev.eventcrm.query.web.QueryParams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/v1/reports/leaderboard?metric=&from=&to=&team=&currency=&limit=}: the managers of the managers
 * report ranked by one of its metrics ({@link LeaderboardMetric}) over the whole {@link DateRange}, counted exactly as
 * the report counts (the same {@link ManagerKpis}), ranked as {@link Leaderboard} says. A money metric is in
 * {@code currency}, else the reporting currency ({@code crm.reports.currency}), else the currency most of the
 * ranked managers' won deals are in. {@code limit} cuts the ranking (default and maximum as for lists).
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class LeaderboardController {
    private final ManagerKpiRepository repository;
    private final ZoneId installationZone;
    private final String reportingCurrency;
    private final QueryProperties query;

    LeaderboardController(ManagerKpiRepository repository, UserProperties users, SegmentProperties reports,
                          QueryProperties query) {
        this.repository = repository;
        this.installationZone = ZoneId.of(users.defaultTimeZone());
        this.reportingCurrency = reports.currency();
        this.query = query;
    }

    @GetMapping("/leaderboard")
    Mono<LeaderboardView> leaderboard(@RequestParam(required = false) String metric,
                                      @RequestParam(required = false) String from,
                                      @RequestParam(required = false) String to,
                                      @RequestParam(required = false) String team,
                                      @RequestParam(required = false) String currency,
                                      @RequestParam(required = false) String limit) {
        LeaderboardMetric ranked = LeaderboardMetric.parse(metric);
        DateRange range = DateRange.parse(from, to);
        String teamId = QueryParams.optional(team);
        String asked = currency(currency);
        int top = QueryParams.intInRange("limit", limit, query.defaultPageSize(), 1, query.maxPageSize());
        // the periods do not matter here: months keep the cells few
        ManagerKpis kpis = new ManagerKpis(Granularity.MONTH, range.from(), range.to(), installationZone);
        return repository.buckets(kpis.bucketIds()).doOnNext(kpis::add)
                .then(Mono.defer(() -> repository.responded(kpis)))
                .map(ManagerKpis::totals)
                .flatMap(totals -> (totals.isEmpty() ? Mono.just(Map.<String, String>of())
                        : repository.teams(List.copyOf(totals.keySet())))
                        .map(teams -> Leaderboard.view(ranked, range, installationZone, teamId,
                                asked != null ? asked : reportingCurrency, top, totals, teams)));
    }

    /** An ISO 4217 code (case ignored) or null; a 400 problem naming {@code currency} otherwise. */
    private static String currency(String raw) {
        String given = QueryParams.optional(raw);
        if (given == null) {
            return null;
        }
        try {
            return Currency.getInstance(given.toUpperCase(Locale.ROOT)).getCurrencyCode();
        }
        catch (IllegalArgumentException e) {
            throw ApiException.invalid("currency", "must be an ISO 4217 code such as EUR");
        }
    }
}
