package dev.eventcrm.query.report;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.query.pipeline.PipelineStages;
import dev.eventcrm.query.pipeline.PipelineView;
import dev.eventcrm.query.user.UserProperties;
import dev.eventcrm.query.web.QueryParams;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/reports/forecast?pipelineId=&months=}: per expected close month and owner, the open deals'
 * amount and weighted amount (amount x the current stage's probability), and what was won in that month so far;
 * per currency. {@code pipelineId} defaults to {@code default}; {@code months} (1-24, default 3) is how many months
 * the window has, starting with the current month in the installation's time zone
 * ({@code crm.users.default-time-zone}). Open deals expected before the current month are in {@code overdue}, those
 * without an expected close date in {@code undated}; open deals expected after the window are not shown. It reads
 * the precomputed month buckets by {@code _id} ({@link Forecast} says which).
 */
@RestController
@RequestMapping(path = "/api/v1/reports", produces = MediaType.APPLICATION_JSON_VALUE)
class ForecastController {
    static final int DEFAULT_MONTHS = 3;
    static final int MAX_MONTHS = 24;

    private final ReportRepository deals;
    private final PipelineStages pipelines;
    private final ZoneId installationZone;
    private final Clock clock;

    ForecastController(ReportRepository deals, PipelineStages pipelines, UserProperties users, Clock clock) {
        this.deals = deals;
        this.pipelines = pipelines;
        this.installationZone = ZoneId.of(users.defaultTimeZone());
        this.clock = clock;
    }

    @GetMapping("/forecast")
    Mono<ForecastView> forecast(@RequestParam(required = false) String pipelineId,
                                @RequestParam(required = false) String months) {
        int window = QueryParams.intInRange("months", months, DEFAULT_MONTHS, 1, MAX_MONTHS);
        String pipeline = QueryParams.optional(pipelineId) == null ? DealStages.PIPELINE : pipelineId.trim();
        YearMonth first = YearMonth.from(clock.instant().atZone(installationZone));
        YearMonth last = first.plusMonths(window - 1L);
        return pipelines.of(pipeline)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Pipeline " + pipeline + " does not exist")))
                .flatMap(stages -> {
                    Forecast forecast = new Forecast(pipeline, first, last, installationZone, probabilities(stages));
                    return deals.buckets(forecast.bucketIds()).reduce(forecast, Forecast::add);
                })
                .map(forecast -> forecast.view(pipeline));
    }

    private static Map<String, Integer> probabilities(List<PipelineView.Stage> stages) {
        Map<String, Integer> probabilities = new HashMap<>();
        stages.forEach(stage -> probabilities.put(stage.id(), stage.probability()));
        return probabilities;
    }
}
