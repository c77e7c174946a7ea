package dev.eventcrm.query.report;

import dev.eventcrm.query.web.DateRange;
import dev.eventcrm.query.user.UserProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.ZoneId;

/**
 * {@code GET /api/v1/reports/dynamics?granularity=day|week|month&from=&to=}: per period, deals opened, won and lost,
 * revenue won per currency, and stage moves ({@link Dynamics} says what counts when). {@code from} and {@code to}
 * are required ISO dates, {@code to} exclusive, at most {@value DateRange#MAX_DAYS} days apart; days are cut in the
 * installation's time zone ({@code crm.users.default-time-zone}); {@code granularity} defaults to {@code day}.
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class DynamicsController {
    private final ReportRepository deals;
    private final ZoneId installationZone;

    DynamicsController(ReportRepository deals, UserProperties users) {
        this.deals = deals;
        this.installationZone = ZoneId.of(users.defaultTimeZone());
    }

    @GetMapping("/dynamics")
    Mono<DynamicsView> dynamics(@RequestParam(required = false) String granularity,
                                @RequestParam(required = false) String from,
                                @RequestParam(required = false) String to) {
        Granularity cut = Granularity.parse(granularity);
        DateRange range = DateRange.parse(from, to);
        LocalDate first = range.from();
        LocalDate end = range.to();
        Dynamics dynamics = new Dynamics(cut, first, end, installationZone);
        return deals.buckets(dynamics.bucketIds()).reduce(dynamics, Dynamics::add).map(Dynamics::view);
    }

}
