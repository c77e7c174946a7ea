package dev.eventcrm.query.deal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.FlagParam;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.pipeline.PipelineStages;
import dev.eventcrm.query.pipeline.PipelineView;
import dev.eventcrm.query.web.IdCursor;
import dev.eventcrm.query.web.QueryParams;
import dev.eventcrm.query.web.VersionTag;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import static dev.eventcrm.query.mongo.Documents.longValue;

@RestController
@RequestMapping(path = "/api/v1/deals", produces = MediaType.APPLICATION_JSON_VALUE)
class DealController {

    private final DealRepository deals;
    private final PipelineStages pipelines;
    private final QueryProperties properties;

    DealController(DealRepository deals, PipelineStages pipelines, QueryProperties properties) {
        this.deals = deals;
        this.pipelines = pipelines;
        this.properties = properties;
    }

    /** With {@code minVersion}, waits until the read model has caught up with the caller's own write. */
    @GetMapping("/{id}")
    Mono<ResponseEntity<DealView>> get(@PathVariable String id, @RequestParam(required = false) String minVersion) {
        return find(id, minVersion).map(view -> VersionTag.ok(view.version(), view));
    }

    private Mono<DealView> find(String id, String minVersion) {
        Long min = QueryParams.nonNegativeLong("minVersion", minVersion);
        if (min == null) {
            return deals.findById(id)
                    .map(DealView::from)
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Deal " + id + " does not exist")));
        }
        return deals.findAtLeastVersion(id, min, properties.readYourWritesTimeout(), properties.streamPollInterval())
                .map(DealView::from)
                .switchIfEmpty(Mono.defer(() -> behind(id, min)));
    }

    /**
     * Deals by pipeline, stage, status, owner and lead source, cursor-paginated in id order. A stage must be one of the given
     * pipeline's, or of any pipeline's when none is given: an unknown one can match nothing, the client misspelled
     * it, and an empty page would hide that (so does an unknown pipeline). {@code withoutNextStep=true} keeps the
     * open deals without an open next-step task: empty whenever the command side's rule holds and the read model has
     * caught up, so anything listed is a deal that something forgot.
     */
    @GetMapping
    Mono<DealPage> list(@RequestParam(required = false) String pipelineId,
                        @RequestParam(required = false) String stage,
                        @RequestParam(required = false) String status,
                        @RequestParam(required = false) String ownerId,
                        @RequestParam(required = false) String source,
                        @RequestParam(required = false) String withoutNextStep,
                        @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        int size = QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1,
                properties.maxPageSize());
        String afterId = IdCursor.decode(cursor);
        String pipeline = QueryParams.optional(pipelineId);
        String stageId = QueryParams.optional(stage);
        List<Bson> conditions = new ArrayList<>();
        QueryParams.equalIfGiven(conditions, "pipelineId", pipeline);
        QueryParams.equalIfGiven(conditions, "stage", stageId);
        QueryParams.equalIfGiven(conditions, "status", knownStatus(QueryParams.optional(status)));
        QueryParams.equalIfGiven(conditions, "ownerId", ownerId);
        QueryParams.equalIfGiven(conditions, "source", source);
        if (FlagParam.parse("withoutNextStep", QueryParams.optional(withoutNextStep))) {
            conditions.add(Filters.eq("status", StageKind.OPEN.name()));
            conditions.add(Filters.eq("nextStepTaskId", null));
        }
        return knownStage(pipeline, stageId)
                .then(deals.findPage(conditions, afterId, size))
                .map(docs -> {
                    boolean more = docs.size() > size;
                    List<Document> page = more ? docs.subList(0, size) : docs;
                    String next = more ? IdCursor.encode(String.valueOf(page.get(page.size() - 1).get("_id")))
                            : null;
                    return new DealPage(page.stream().map(DealView::from).toList(), next);
                });
    }

    private static String knownStatus(String status) {
        if (status != null && Arrays.stream(StageKind.values()).noneMatch(kind -> kind.name().equals(status))) {
            throw ApiException.invalid("status", "must be one of " + Arrays.toString(StageKind.values()));
        }
        return status;
    }

    /** Completes empty when the pipeline and the stage (each if given) are known; else fails naming the first. */
    private Mono<Void> knownStage(String pipelineId, String stage) {
        if (pipelineId != null) {
            return pipelines.of(pipelineId)
                    .switchIfEmpty(Mono.error(() -> ApiException.invalid("pipelineId",
                            "no pipeline " + pipelineId + " exists")))
                    .map(stages -> stages.stream().map(PipelineView.Stage::id).toList())
                    .flatMap(ids -> stage == null || ids.contains(stage) ? Mono.empty()
                            : Mono.error(ApiException.invalid("stage", "must be one of " + ids + " in pipeline "
                                    + pipelineId)));
        }
        if (stage == null) {
            return Mono.empty();
        }
        return pipelines.allIds().flatMap(ids -> ids.contains(stage) ? Mono.empty()
                : Mono.error(ApiException.invalid("stage", "must be one of " + ids)));
    }

    private Mono<DealView> behind(String id, long minVersion) {
        return deals.findById(id)
                .map(doc -> "Deal " + id + " is at version " + longValue(doc, "version", -1)
                        + " in the read model, not yet at " + minVersion + "; retry shortly")
                .defaultIfEmpty("Deal " + id + " is not in the read model yet (waiting for version " + minVersion
                        + "); retry shortly")
                .flatMap(detail -> Mono.error(ApiException.of(HttpStatus.GATEWAY_TIMEOUT, "read-model-behind",
                        "Read model behind", detail)));
    }
}
