package dev.eventcrm.command.contact;

import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.events.contact.ContactPersonalData;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactCommandController {

    record CreateContactRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> phones,
            @Size(max = 20) List<@NotBlank @Email String> emails,
            @Size(max = 100) String city,
            @Size(max = 100) String country,
            @Size(max = 100) String source,
            @NotBlank @Size(max = 100) String ownerId) {
    }

    private final CommandDispatcher dispatcher;

    ContactCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody CreateContactRequest body,
                                                     ServerHttpRequest request) {
        String contactId = UUID.randomUUID().toString();
        CreateContact command = new CreateContact(contactId,
                new ContactPersonalData(body.name(), body.phones(), body.emails()),
                body.city(), body.country(), body.source(), body.ownerId());
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", contactId, "version", 0)));
    }
}
