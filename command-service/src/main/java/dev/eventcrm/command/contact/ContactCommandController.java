package dev.eventcrm.command.contact;

import dev.eventcrm.api.FlagParam;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactCommandController {

    record ArchiveContactRequest(@Size(max = 200) String reason) {
    }

    /** The reason recorded when a user archives a contact without giving one. */
    static final String MANUAL = "manual";

    private final CommandDispatcher dispatcher;
    private final PhoneNumbers phoneNumbers;

    ContactCommandController(CommandDispatcher dispatcher, PhoneNumbers phoneNumbers) {
        this.dispatcher = dispatcher;
        this.phoneNumbers = phoneNumbers;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody CreateContactRequest body,
                                                     @RequestParam(required = false) String allowDuplicate,
                                                     ServerHttpRequest request) {
        String contactId = UUID.randomUUID().toString();
        CreateContact command = body.toCommand(contactId, phoneNumbers,
                FlagParam.parse("allowDuplicate", allowDuplicate));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", contactId, "version", 0)));
    }

    /** Archives the contact; the body, with a {@code reason}, is optional. */
    @PostMapping(path = "/{contactId}/archive")
    Mono<ResponseEntity<Map<String, Object>>> archive(@PathVariable @Size(max = 100) String contactId,
                                                      @Valid @RequestBody(required = false) ArchiveContactRequest body,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      ServerHttpRequest request) {
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? MANUAL : body.reason();
        ArchiveContact command = new ArchiveContact(contactId, reason, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body == null ? Map.of() : body, command, Instant.now(),
                result -> updated(contactId, result));
    }

    @PostMapping(path = "/{contactId}/restore")
    Mono<ResponseEntity<Map<String, Object>>> restore(@PathVariable @Size(max = 100) String contactId,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      ServerHttpRequest request) {
        RestoreContact command = new RestoreContact(contactId, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, Map.of(), command, Instant.now(), result -> updated(contactId, result));
    }

    private static CommandResponse updated(String contactId, Object version) {
        return new CommandResponse(200, Map.of("id", contactId, "version", version));
    }
}
