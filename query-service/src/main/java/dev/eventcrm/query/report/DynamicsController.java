package dev.eventcrm.query.report;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.user.UserProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * {@code GET /api/v1/reports/dynamics?granularity=day|week|month&from=&to=}: per period, deals opened, won and lost,
 * revenue won per currency, and stage moves ({@link Dynamics} says what counts when). {@code from} and {@code to}
 * are required ISO dates, {@code to} exclusive, at most {@value #MAX_DAYS} days apart; days are cut in the
 * installation's time zone ({@code crm.users.default-time-zone}); {@code granularity} defaults to {@code day}.
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class DynamicsController {
    /** About ten years: bounds the periods of one answer. */
    static final int MAX_DAYS = 3660;

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
        LocalDate first = date("from", from);
        LocalDate end = date("to", to);
        if (!end.isAfter(first)) {
            throw ApiException.invalid("to", "must be after from");
        }
        if (ChronoUnit.DAYS.between(first, end) > MAX_DAYS) {
            throw ApiException.invalid("to", "must be at most " + MAX_DAYS + " days after from");
        }
        Dynamics dynamics = new Dynamics(cut, first, end, installationZone);
        return deals.dayBuckets(dynamics.bucketIds()).reduce(dynamics, Dynamics::add).map(Dynamics::view);
    }

    private static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(name, "is required (an ISO date such as 2026-03-01)");
        }
        try {
            return LocalDate.parse(raw.trim());
        }
        catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO date such as 2026-03-01");
        }
    }
}
