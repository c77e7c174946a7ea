package dev.eventcrm.query.funnel;

import dev.eventcrm.query.web.DateRange;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.query.pipeline.PipelineStages;
import dev.eventcrm.query.user.UserProperties;
import dev.eventcrm.query.web.QueryParams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api/v1/reports/funnel}: the cohort of deals opened in [from, to) (dates in the installation's zone,
 * {@code crm.users.default-time-zone}) counted against the pipeline's current stages. The definitions are in the
 * README ("Funnel conversion").
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class FunnelController {

    private final FunnelCohorts cohorts;
    private final PipelineStages pipelines;
    private final ZoneId zone;
    private final Clock clock;

    FunnelController(FunnelCohorts cohorts, PipelineStages pipelines, UserProperties users, Clock queryClock) {
        this.cohorts = cohorts;
        this.pipelines = pipelines;
        this.zone = ZoneId.of(users.defaultTimeZone());
        this.clock = queryClock;
    }

    @GetMapping("/funnel")
    Mono<FunnelView> funnel(@RequestParam(required = false) String pipelineId,
                            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                            @RequestParam(required = false) String ownerId,
                            @RequestParam(required = false) String source,
                            @RequestParam(required = false) String mode) {
        String pipeline = QueryParams.optional(pipelineId) == null ? DealStages.PIPELINE : pipelineId.trim();
        FunnelMode counting = FunnelMode.parse(mode);
        DateRange range = DateRange.parse(from, to);
        LocalDate first = range.from();
        LocalDate end = range.to();
        return pipelines.of(pipeline)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Pipeline " + pipeline + " does not exist")))
                .flatMap(stages -> cohorts.of(pipeline, FunnelCalculator.openStages(stages),
                        first.atStartOfDay(zone).toInstant(), end.atStartOfDay(zone).toInstant(),
                        QueryParams.optional(ownerId), QueryParams.optional(source)))
                .map(cohort -> cohort.report(pipeline, counting, first.toString(), end.toString(), clock.instant()));
    }

}
