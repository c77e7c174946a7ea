package dev.eventcrm.query.company;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.FlagParam;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.web.IdCursor;
import dev.eventcrm.query.web.QueryParams;
import dev.eventcrm.query.web.SearchQuery;
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

@RestController
@RequestMapping(path = "/api/v1/companies", produces = MediaType.APPLICATION_JSON_VALUE)
class CompanyController {

    private final CompanyRepository companies;
    private final QueryProperties properties;
    private final SearchQuery search;

    CompanyController(CompanyRepository companies, QueryProperties properties, SearchQuery search) {
        this.companies = companies;
        this.properties = properties;
        this.search = search;
    }

    /**
     * Companies by search text and filters, cursor-paginated in id order; {@code q} as on {@code /contacts} (a name
     * word's prefix, an e-mail's prefix, a phone in any format). Archived companies only with {@code archived=true}.
     */
    @GetMapping
    Mono<CompanyPage> list(@RequestParam(required = false) String q,
                           @RequestParam(required = false) String archived,
                           @RequestParam(required = false) String ownerId,
                           @RequestParam(required = false) String source,
                           @RequestParam(required = false) String city,
                           @RequestParam(required = false) String country,
                           @RequestParam(required = false) String limit,
                           @RequestParam(required = false) String cursor) {
        int size = QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1, properties.maxPageSize());
        String afterId = IdCursor.decode(cursor);
        List<Bson> conditions = new ArrayList<>(search.conditions(QueryParams.optional(q)));
        QueryParams.equalIfGiven(conditions, "ownerId", ownerId);
        QueryParams.equalIfGiven(conditions, "source", source);
        QueryParams.equalIfGiven(conditions, "city", city);
        QueryParams.equalIfGiven(conditions, "country", country);
        conditions.add(FlagParam.parse("archived", QueryParams.optional(archived)) ? Filters.eq("archived", true)
                : Filters.ne("archived", true));
        return companies.findPage(conditions, afterId, size).map(docs -> {
            boolean more = docs.size() > size;
            List<Document> page = more ? docs.subList(0, size) : docs;
            String next = more ? IdCursor.encode(String.valueOf(page.get(page.size() - 1).get("_id"))) : null;
            return new CompanyPage(page.stream().map(CompanyView::from).toList(), next);
        });
    }

    /**
     * With {@code minVersion} (the version a company command answered), waits until the read model shows it, or
     * answers 504 after the read-your-writes timeout.
     */
    @GetMapping("/{id}")
    Mono<ResponseEntity<CompanyView>> get(@PathVariable String id,
                                          @RequestParam(required = false) String minVersion) {
        Long min = QueryParams.nonNegativeLong("minVersion", minVersion);
        if (min == null) {
            return companies.findById(id)
                    .map(CompanyView::from)
                    .map(view -> VersionTag.ok(view.version(), view))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Company " + id + " does not exist")));
        }
        return companies.findWhen(id, Filters.gte("version", min), properties.readYourWritesTimeout(),
                        properties.streamPollInterval())
                .map(CompanyView::from)
                .map(view -> VersionTag.ok(view.version(), view))
                .switchIfEmpty(Mono.error(() -> ApiException.of(HttpStatus.GATEWAY_TIMEOUT, "read-model-behind",
                        "Read model behind", "Company " + id + " does not show version " + min + " yet; retry "
                                + "shortly")));
    }
}
