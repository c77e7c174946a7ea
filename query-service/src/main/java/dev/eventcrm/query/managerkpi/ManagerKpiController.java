package dev.eventcrm.query.managerkpi;

import dev.eventcrm.query.web.DateRange;
import dev.eventcrm.query.report.Granularity;
import dev.eventcrm.query.user.UserProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/reports/managers?from=&to=&granularity=day|week|month&team=&asOf=}: per manager and period,
 * calls, talk time, meetings, e-mails, tasks, deals, revenue ({@link ManagerKpis} says what counts where) and plans
 * ({@link Plans}; as they were at the end of {@code asOf}, an ISO date, default now) over the days of a
 * {@link DateRange}, cut in the installation's time zone ({@code crm.users.default-time-zone}); {@code granularity}
 * defaults to {@code day}.
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class ManagerKpiController {
    private final ManagerKpiRepository repository;
    private final OverdueTasks overdueTasks;
    private final ZoneId installationZone;
    private final Clock clock;

    ManagerKpiController(ManagerKpiRepository repository, OverdueTasks overdueTasks, UserProperties users,
                         Clock clock) {
        this.repository = repository;
        this.overdueTasks = overdueTasks;
        this.installationZone = ZoneId.of(users.defaultTimeZone());
        this.clock = clock;
    }

    @GetMapping("/managers")
    Mono<ManagerKpiView> managers(@RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(required = false) String granularity,
                                  @RequestParam(required = false) String team,
                                  @RequestParam(required = false) String asOf) {
        DateRange range = DateRange.parse(from, to);
        LocalDate first = range.from();
        LocalDate end = range.to();
        Granularity cut = Granularity.parse(granularity);
        String teamId = team == null || team.isBlank() ? null : team.trim();
        Instant planAsOf = asOf == null || asOf.isBlank() ? clock.instant()
                : DateRange.date("asOf", asOf).plusDays(1).atStartOfDay(installationZone).toInstant();
        ManagerKpis kpis = new ManagerKpis(cut, first, end, installationZone);
        // plans count whole months and quarters: every month of the quarters the range touches, by month
        ManagerKpis months = new ManagerKpis(Granularity.MONTH, Plans.quarterStart(first),
                Plans.quarterStart(end.minusDays(1)).plusMonths(3), installationZone);
        Set<String> buckets = new HashSet<>(kpis.bucketIds());
        buckets.addAll(months.bucketIds());
        return repository.buckets(buckets)
                .doOnNext(bucket -> {
                    kpis.add(bucket);
                    months.add(bucket);
                })
                .then(Mono.defer(() -> repository.responded(kpis)))
                .flatMap(counted -> view(counted, months, teamId, planAsOf));
    }

    /** With the teams, overdue tasks and plans of the managers the report has rows for. */
    private Mono<ManagerKpiView> view(ManagerKpis kpis, ManagerKpis months, String teamId, Instant planAsOf) {
        List<String> managers = kpis.managers();
        if (managers.isEmpty()) {
            return Mono.just(kpis.view(Map.of(), Map.of(), teamId, Plans.none()));
        }
        // the teams of everyone with facts in those quarters: a team's actual counts all its managers
        return Mono.zip(repository.teams(months.managers()), overdueTasks.at(clock.instant(), installationZone))
                .flatMap(lookups -> repository.quotas(managers, Set.copyOf(lookups.getT1().values())).collectList()
                        .map(quotas -> kpis.view(lookups.getT1(), lookups.getT2(), teamId,
                                new Plans(quotas, months, lookups.getT1(), planAsOf, installationZone))));
    }
}
