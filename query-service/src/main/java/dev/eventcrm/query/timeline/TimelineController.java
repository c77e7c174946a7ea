package dev.eventcrm.query.timeline;

import java.util.List;
import java.util.Set;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.web.QueryParams;
import org.bson.Document;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The history of a contact or a deal in one list: activities, stage and owner changes, the record's own milestones
 * and its tasks, newest first by business time, cursor-paginated, optionally of some kinds only.
 */
@RestController
class TimelineController {

    private final TimelineRepository timeline;
    private final QueryProperties properties;

    TimelineController(TimelineRepository timeline, QueryProperties properties) {
        this.timeline = timeline;
        this.properties = properties;
    }

    /**
     * A contact's own events, its activities and tasks, and the events of its deals. The id of a contact merged into
     * another answers the survivor's timeline (with {@code Content-Location}); a survivor's timeline includes the
     * entries of the contacts merged into it.
     */
    @GetMapping(path = "/api/v1/contacts/{id}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<TimelinePage>> contact(@PathVariable String id,
                                               @RequestParam(required = false) String kinds,
                                               @RequestParam(required = false) String limit,
                                               @RequestParam(required = false) String cursor) {
        Query query = query(kinds, limit, cursor);
        return timeline.survivorOf(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Contact " + id + " does not exist")))
                .flatMap(survivor -> timeline.withMergedContacts(survivor)
                        .flatMap(ids -> page("contactId", ids, query))
                        .map(page -> survivor.equals(id) ? ResponseEntity.ok(page) : ResponseEntity.ok()
                                .header(HttpHeaders.CONTENT_LOCATION, "/api/v1/contacts/" + survivor + "/timeline")
                                .body(page)));
    }

    /** A deal's own events, and the activities and tasks about it. */
    @GetMapping(path = "/api/v1/deals/{id}/timeline", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<TimelinePage> deal(@PathVariable String id,
                            @RequestParam(required = false) String kinds,
                            @RequestParam(required = false) String limit,
                            @RequestParam(required = false) String cursor) {
        Query query = query(kinds, limit, cursor);
        return timeline.dealExists(id)
                .flatMap(exists -> exists ? page("dealId", List.of(id), query)
                        : Mono.error(ApiException.notFound("Deal " + id + " does not exist")));
    }

    /** The parameters, checked before anything is read. */
    private Query query(String kinds, String limit, String cursor) {
        return new Query(TimelineKinds.parse(kinds),
                QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1, properties.maxPageSize()),
                TimelineCursor.decode(cursor));
    }

    private Mono<TimelinePage> page(String field, List<String> ids, Query query) {
        return timeline.findPage(field, ids, query.kinds(), query.after(), query.size()).map(docs -> {
            boolean more = docs.size() > query.size();
            List<Document> page = more ? docs.subList(0, query.size()) : docs;
            String next = null;
            if (more) {
                Document last = page.get(page.size() - 1);
                next = new TimelineCursor(last.getDate("occurredAt").toInstant(), last.getString("_id")).encode();
            }
            return new TimelinePage(page.stream().map(TimelineEntryView::from).toList(), next);
        });
    }

    private record Query(Set<String> kinds, int size, TimelineCursor after) {
    }
}
