package dev.eventcrm.query.contact;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.model.Filters;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.QueryProperties;
import dev.eventcrm.query.web.QueryParams;
import dev.eventcrm.query.web.VersionTag;
import jakarta.validation.constraints.Size;
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
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactController {

    private final ContactRepository contacts;
    private final QueryProperties properties;

    ContactController(ContactRepository contacts, QueryProperties properties) {
        this.contacts = contacts;
        this.properties = properties;
    }

    /**
     * With {@code minVersion} (the version a contact command answered) or {@code withCall} (the id POST /calls
     * answered), waits until the card shows the caller's own write, or answers 504 after the read-your-writes timeout.
     */
    @GetMapping("/{id}")
    Mono<ResponseEntity<ContactView>> get(@PathVariable String id, @RequestParam(required = false) String minVersion,
                          @RequestParam(required = false) @Size(max = 100) String withCall) {
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
                    .map(ContactView::from)
                    .map(view -> VersionTag.ok(view.version(), view))
                    .switchIfEmpty(Mono.error(() -> ApiException.notFound("Contact " + id + " does not exist")));
        }
        return contacts.findCreatedWhen(id, Filters.and(conditions), properties.readYourWritesTimeout(),
                        properties.streamPollInterval())
                .map(ContactView::from)
                .map(view -> VersionTag.ok(view.version(), view))
                .switchIfEmpty(Mono.error(() -> ApiException.of(HttpStatus.GATEWAY_TIMEOUT, "read-model-behind",
                        "Read model behind", "Contact " + id + " does not show "
                                + (min != null ? "version " + min : "") + (min != null && call != null ? " and " : "")
                                + (call != null ? "call " + call : "") + " yet; retry shortly")));
    }
}
