package dev.eventcrm.query.contact;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.FlagParam;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.segment.SavedSegments;
import dev.eventcrm.query.segment.Segments;
import dev.eventcrm.query.web.IdCursor;
import dev.eventcrm.query.web.QueryParams;
import dev.eventcrm.query.web.SearchQuery;
import dev.eventcrm.query.web.VersionTag;
import jakarta.validation.constraints.Size;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactController {

    private final ContactRepository contacts;
    private final QueryProperties properties;
    private final SearchQuery search;
    private final Segments segments;
    private final SavedSegments savedSegments;

    ContactController(ContactRepository contacts, QueryProperties properties, SearchQuery search,
                      Segments segments, SavedSegments savedSegments) {
        this.contacts = contacts;
        this.properties = properties;
        this.search = search;
        this.segments = segments;
        this.savedSegments = savedSegments;
    }

    /**
     * Contacts by search text and filters, cursor-paginated in id order. {@code q} finds a contact by the prefix of
     * any word of its name (case and accents ignored; every word of {@code q} must match), by e-mail, or by phone
     * number typed in any format (a whole number in E.164; a partial one by its leading digits, with or without the
     * country code). Archived contacts are listed only with {@code archived=true}; {@code companyId} lists a
     * company's contacts; {@code segment} those in a named RFM segment or lifecycle stage (see the segments report);
     * {@code savedSegment} the members of a saved segment now (a separate parameter: a saved segment's id is not a
     * name, and both may be given).
     */
    @GetMapping
    Mono<ContactPage> list(@RequestParam(required = false) String q,
                           @RequestParam(required = false) String archived,
                           @RequestParam(required = false) String ownerId,
                           @RequestParam(required = false) String source,
                           @RequestParam(required = false) String city,
                           @RequestParam(required = false) String country,
                           @RequestParam(required = false) String companyId,
                           @RequestParam(required = false) String segment,
                           @RequestParam(required = false) String savedSegment,
                           @RequestParam(required = false) String limit,
                           @RequestParam(required = false) String cursor) {
        int size = QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1, properties.maxPageSize());
        String afterId = IdCursor.decode(cursor);
        List<Bson> conditions = new ArrayList<>(search.conditions(QueryParams.optional(q)));
        QueryParams.equalIfGiven(conditions, "ownerId", ownerId);
        QueryParams.equalIfGiven(conditions, "source", source);
        QueryParams.equalIfGiven(conditions, "city", city);
        QueryParams.equalIfGiven(conditions, "country", country);
        QueryParams.equalIfGiven(conditions, "companyId", companyId);
        // documents written before contacts could be archived have no such field: they are not archived
        boolean onlyArchived = FlagParam.parse("archived", QueryParams.optional(archived));
        conditions.add(onlyArchived ? Filters.eq("archived", true) : Filters.ne("archived", true));
        // a contact merged into another is listed as the survivor only
        conditions.add(Filters.eq("mergedInto", null));
        String segmentName = QueryParams.optional(segment);
        String savedSegmentId = QueryParams.optional(savedSegment);
        Mono<List<Bson>> withMembers = Mono.just(conditions);
        if (segmentName != null) {
            withMembers = withMembers.zipWith(segments.members(segmentName), ContactController::members);
        }
        if (savedSegmentId != null) {
            withMembers = withMembers.zipWith(savedSegments.members(savedSegmentId), ContactController::members);
        }
        return withMembers.flatMap(all -> page(all, afterId, size));
    }

    private static List<Bson> members(List<Bson> conditions, Set<String> members) {
        conditions.add(Filters.in("_id", members));
        return conditions;
    }

    private Mono<ContactPage> page(List<Bson> conditions, String afterId, int size) {
        Instant now = Instant.now();
        return contacts.findPage(conditions, afterId, size).flatMap(docs -> {
            boolean more = docs.size() > size;
            List<Document> page = more ? docs.subList(0, size) : docs;
            String next = more ? IdCursor.encode(String.valueOf(page.get(page.size() - 1).get("_id"))) : null;
            List<ContactView> views = page.stream().map(doc -> ContactView.from(doc, now)).toList();
            Set<String> companies = views.stream().map(ContactView::companyId).filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            return contacts.companyNames(companies).map(names -> new ContactPage(
                    views.stream().map(view -> view.withCompanyName(names)).toList(), next));
        });
    }

    /** The contact with its company's name now (one look-up; none without a company). */
    private Mono<ContactView> named(ContactView view) {
        return view.companyId() == null ? Mono.just(view)
                : contacts.companyNames(Set.of(view.companyId())).map(view::withCompanyName);
    }

    /**
     * With {@code minVersion} (the version a contact command answered) or {@code withCall} (the id POST /calls
     * answered), waits until the card shows the caller's own write, or answers 504 after the read-your-writes timeout.
     */
    @GetMapping("/{id}")
    Mono<ResponseEntity<ContactView>> get(@PathVariable String id, @RequestParam(required = false) String minVersion,
                          @RequestParam(required = false) @Size(max = 100) String withCall) {
        return contacts.survivorOf(id).flatMap(survivor -> get(survivor, minVersion, withCall, !survivor.equals(id)));
    }

    /** @param merged the id asked for was merged into this one: say where the contact now lives */
    private Mono<ResponseEntity<ContactView>> get(String id, String minVersion, String withCall, boolean merged) {
        return read(id, minVersion, withCall).map(response -> merged ? ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders()).header(HttpHeaders.CONTENT_LOCATION, "/api/v1/contacts/" + id)
                .body(response.getBody()) : response);
    }

    private Mono<ResponseEntity<ContactView>> read(String id, String minVersion, String withCall) {
        List<Bson> conditions = new ArrayList<>();
        Long min = QueryParams.nonNegativeLong("minVersion", minVersion);
        if (min != null) {
            conditions.add(Filters.gte("version", min));
        }
        String call = QueryParams.optional(withCall);
        if (call != null) {
            conditions.add(Filters.eq("applied.aggregateId", call));
        }
        if (conditions.isEmpty()) {
            return contacts.findCreated(id)
                    .map(doc -> ContactView.from(doc, Instant.now()))
                    .flatMap(this::named)
                    .map(view -> VersionTag.ok(view.version(), view))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Contact " + id + " does not exist")));
        }
        return contacts.findCreatedWhen(id, Filters.and(conditions), properties.readYourWritesTimeout(),
                        properties.streamPollInterval())
                .map(doc -> ContactView.from(doc, Instant.now()))
                .flatMap(this::named)
                .map(view -> VersionTag.ok(view.version(), view))
                .switchIfEmpty(Mono.error(() -> ApiException.of(HttpStatus.GATEWAY_TIMEOUT, "read-model-behind",
                        "Read model behind", "Contact " + id + " does not show "
                                + (min != null ? "version " + min : "") + (min != null && call != null ? " and " : "")
                                + (call != null ? "call " + call : "") + " yet; retry shortly")));
    }
}
