package dev.eventcrm.query.deal;

import java.util.List;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.events.deal.DealStages;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.web.IdCursor;
import dev.eventcrm.query.web.QueryParams;
import dev.eventcrm.query.web.VersionTag;
import org.bson.Document;
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
    private final QueryProperties properties;

    DealController(DealRepository deals, QueryProperties properties) {
        this.deals = deals;
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

    @GetMapping
    Mono<DealPage> list(@RequestParam(required = false) String stage,
                        @RequestParam(required = false) String ownerId,
                        @RequestParam(required = false) String limit,
                        @RequestParam(required = false) String cursor) {
        int size = QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1,
                properties.maxPageSize());
        String afterId = IdCursor.decode(cursor);
        return deals.findPage(knownStage(QueryParams.optional(stage)), QueryParams.optional(ownerId), afterId, size)
                .map(docs -> {
                    boolean more = docs.size() > size;
                    List<Document> page = more ? docs.subList(0, size) : docs;
                    String next = more ? IdCursor.encode(String.valueOf(page.get(page.size() - 1).get("_id")))
                            : null;
                    return new DealPage(page.stream().map(DealView::from).toList(), next);
                });
    }

    /** An unknown stage can match nothing: the client misspelled it, and an empty page would hide that. */
    private static String knownStage(String stage) {
        if (stage != null && !DealStages.DEFAULT.contains(stage)) {
            throw ApiException.invalid("stage", "must be one of " + DealStages.DEFAULT);
        }
        return stage;
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
