package dev.eventcrm.query.leadsource;

import dev.eventcrm.query.web.DateRange;
import dev.eventcrm.query.user.UserProperties;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.ZoneId;

/**
 * {@code GET /api/v1/reports/sources?from=&to=}: per lead source, contacts, deals opened and won, conversion,
 * revenue, average cycle, spend, cost per lead and per won deal, and ROI ({@link LeadSources} says what counts).
 * {@code from} and {@code to}: a {@link DateRange}; days are cut in the installation's time zone
 * ({@code crm.users.default-time-zone}).
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class LeadSourceController {
    private final LeadSourceRepository repository;
    private final ZoneId installationZone;

    LeadSourceController(LeadSourceRepository repository, UserProperties users) {
        this.repository = repository;
        this.installationZone = ZoneId.of(users.defaultTimeZone());
    }

    @GetMapping("/sources")
    Mono<LeadSourceView> sources(@RequestParam(required = false) String from,
                                 @RequestParam(required = false) String to) {
        DateRange range = DateRange.parse(from, to);
        return repository.read(new LeadSources(range.from(), range.to(), installationZone));
    }

}
