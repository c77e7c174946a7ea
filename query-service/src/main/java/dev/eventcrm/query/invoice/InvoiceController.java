package dev.eventcrm.query.invoice;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.user.UserProperties;
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

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;

/** Invoices as the {@code invoices} read model holds them: what is open, paid, and overdue. */
@RestController
@RequestMapping(path = "/api/v1/invoices", produces = MediaType.APPLICATION_JSON_VALUE)
class InvoiceController {

    private static final String OPEN = "OPEN";
    private static final String PAID = "PAID";

    private final InvoiceRepository invoices;
    private final QueryProperties properties;
    private final ZoneId installationZone;
    private final Clock clock;

    InvoiceController(InvoiceRepository invoices, QueryProperties properties, UserProperties users, Clock clock) {
        this.invoices = invoices;
        this.properties = properties;
        this.installationZone = ZoneId.of(users.defaultTimeZone());
        this.clock = clock;
    }

    /** With {@code minVersion}, waits until the read model has caught up with the caller's own write. */
    @GetMapping("/{id}")
    Mono<ResponseEntity<InvoiceView>> get(@PathVariable String id,
                                          @RequestParam(required = false) String minVersion) {
        Long min = QueryParams.nonNegativeLong("minVersion", minVersion);
        Mono<Document> found = min == null ? invoices.findById(id)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Invoice " + id + " does not exist")))
                : invoices.findAtLeastVersion(id, min, properties.readYourWritesTimeout(),
                        properties.streamPollInterval()).switchIfEmpty(Mono.defer(() -> behind(id, min)));
        return found.map(InvoiceView::from).map(view -> VersionTag.ok(view.version(), view));
    }

    /**
     * Invoices by status, deal and contact (each if given), in due-date order (then id), cursor-paginated.
     * {@code status}: {@code open}, {@code paid} or {@code overdue}: open and due before today, the calendar day
     * in the installation's time zone ({@code crm.users.default-time-zone}), as due dates are.
     */
    @GetMapping
    Mono<InvoicePage> list(@RequestParam(required = false) String status,
                           @RequestParam(required = false) String dealId,
                           @RequestParam(required = false) String contactId,
                           @RequestParam(required = false) String limit,
                           @RequestParam(required = false) String cursor) {
        int size = QueryParams.intInRange("limit", limit, properties.defaultPageSize(), 1,
                properties.maxPageSize());
        DueDateCursor after = DueDateCursor.decode(cursor);
        String state = QueryParams.optional(status);
        List<Bson> conditions = new ArrayList<>();
        switch (state == null ? "" : state.toLowerCase(Locale.ROOT)) {
            case "" -> {
            }
            case "open" -> conditions.add(Filters.eq("status", OPEN));
            case "paid" -> conditions.add(Filters.eq("status", PAID));
            case "overdue" -> {
                conditions.add(Filters.eq("status", OPEN));
                LocalDate today = LocalDate.ofInstant(clock.instant(), installationZone);
                conditions.add(Filters.lt("dueDate", today.toString()));
            }
            default -> throw ApiException.invalid("status", "must be one of open, paid, overdue");
        }
        QueryParams.equalIfGiven(conditions, "dealId", dealId);
        QueryParams.equalIfGiven(conditions, "contactId", contactId);
        return invoices.findPage(conditions, after, size).map(docs -> {
            boolean more = docs.size() > size;
            List<Document> page = more ? docs.subList(0, size) : docs;
            Document last = page.isEmpty() ? null : page.get(page.size() - 1);
            String next = more ? DueDateCursor.encode(string(last, "dueDate"), string(last, "_id")) : null;
            return new InvoicePage(page.stream().map(InvoiceView::from).toList(), next);
        });
    }

    private Mono<Document> behind(String id, long minVersion) {
        return invoices.findById(id)
                .map(doc -> "Invoice " + id + " is at version " + longValue(doc, "version", -1)
                        + " in the read model, not yet at " + minVersion + "; retry shortly")
                .defaultIfEmpty("Invoice " + id + " is not in the read model yet (waiting for version "
                        + minVersion + "); retry shortly")
                .flatMap(detail -> Mono.error(ApiException.of(HttpStatus.GATEWAY_TIMEOUT, "read-model-behind",
                        "Read model behind", detail)));
    }
}
