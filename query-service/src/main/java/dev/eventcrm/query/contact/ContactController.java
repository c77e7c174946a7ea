package dev.eventcrm.query.contact;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.query.web.VersionTag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactController {

    private final ContactRepository contacts;

    ContactController(ContactRepository contacts) {
        this.contacts = contacts;
    }

    @GetMapping("/{id}")
    Mono<ResponseEntity<ContactView>> get(@PathVariable String id) {
        return contacts.findCreated(id)
                .map(ContactView::from)
                .map(view -> VersionTag.ok(view.version(), view))
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Contact " + id + " does not exist")));
    }
}
