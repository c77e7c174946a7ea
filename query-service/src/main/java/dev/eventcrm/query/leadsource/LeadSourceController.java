package dev.eventcrm.query.leadsource;

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
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /api/v1/reports/sources?from=&to=}: per lead source, contacts, deals opened and won, conversion,
 * revenue, average cycle, spend, cost per lead and per won deal, and ROI ({@link LeadSources} says what counts).
 * {@code from} and {@code to} are required ISO dates, {@code to} exclusive, at most {@value #MAX_DAYS} days apart;
 * days are cut in the installation's time zone ({@code crm.users.default-time-zone}).
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class LeadSourceController {
    /** About ten years, as the other reports. */
    static final int MAX_DAYS = 3660;

    private final LeadSourceRepository repository;
    private final ZoneId installationZone;

    LeadSourceController(LeadSourceRepository repository, UserProperties users) {
        this.repository = repository;
        this.installationZone = ZoneId.of(users.defaultTimeZone());
    }

    @GetMapping("/sources")
    Mono<LeadSourceView> sources(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to) {
        LocalDate first = date("from", from);
        LocalDate end = date("to", to);
        if (!end.isAfter(first)) {
            throw ApiException.invalid("to", "must be after from");
        }
        if (ChronoUnit.DAYS.between(first, end) > MAX_DAYS) {
            throw ApiException.invalid("to", "must be at most " + MAX_DAYS + " days after from");
        }
        LeadSources report = new LeadSources(first, end, installationZone);
        return repository.between(report.start(), report.end()).doOnNext(report::add)
                .thenMany(repository.spends(report.firstMonth(), report.lastMonth())).doOnNext(report::spend)
                .then(Mono.defer(() -> {
                    Set<String> contacts = report.sourcelessDealContacts();
                    return contacts.isEmpty() ? Mono.just(Map.<String, String>of())
                            : repository.contactSources(contacts);
                }))
                .map(report::view);
    }

    private static LocalDate date(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.invalid(name, "is required (an ISO date such as 2026-03-01)");
        }
        try {
            return LocalDate.parse(raw.trim());
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(name, "must be an ISO date such as 2026-03-01");
        }
    }
}
