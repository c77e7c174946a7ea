package dev.eventcrm.command.contact;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.FlagParam;
import dev.eventcrm.api.MergePatch;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
class ContactCommandController {

    record ArchiveContactRequest(@Size(max = 200) String reason) {
    }

    record MergeRequest(@NotBlank @Size(max = 100) String duplicateId) {
    }

    record AssignOwnerRequest(@NotBlank @Size(max = 100) String ownerId) {
    }

    /** The reason recorded when a user archives a contact without giving one. */
    static final String MANUAL = "manual";

    private final CommandDispatcher dispatcher;
    private final PhoneNumbers phoneNumbers;
    private final Validator validator;

    ContactCommandController(CommandDispatcher dispatcher, PhoneNumbers phoneNumbers, Validator validator) {
        this.dispatcher = dispatcher;
        this.phoneNumbers = phoneNumbers;
        this.validator = validator;
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
                result -> CommandResponse.updated(contactId, result));
    }

    @PostMapping(path = "/{contactId}/restore")
    Mono<ResponseEntity<Map<String, Object>>> restore(@PathVariable @Size(max = 100) String contactId,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      ServerHttpRequest request) {
        RestoreContact command = new RestoreContact(contactId, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, Map.of(), command, Instant.now(),
                result -> CommandResponse.updated(contactId, result));
    }

    /**
     * JSON Merge Patch of name, phones, emails, city, country, source, timeZone and companyId (null removes an
     * optional one); new phones and e-mails are checked for duplicates as on creation.
     */
    @PatchMapping(path = "/{contactId}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    Mono<ResponseEntity<Map<String, Object>>> patch(@PathVariable @Size(max = 100) String contactId,
                                                    @RequestBody JsonNode body,
                                                    @RequestParam(required = false) String allowDuplicate,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    ServerHttpRequest request) {
        MergePatch patch = MergePatch.of(body, Set.of("name", "phones", "emails", "city", "country", "source",
                "timeZone", "companyId"));
        if (patch.isRemoval("name")) {
            throw ApiException.invalid("name", "cannot be removed");
        }
        List<String> phones = patch.texts("phones", 20, 50);
        List<String> emails = patch.emails("emails", 20, validator);
        Optional<String> timeZone = patch.optionalText("timeZone", 64);
        ChangeContactDetails command = new ChangeContactDetails(contactId, patch.text("name", 200),
                phones == null ? null : CreateContactRequest.normalised(phones, phoneNumbers), emails,
                change(patch.optionalText("city", 100)), change(patch.optionalText("country", 100)),
                change(patch.optionalText("source", 100)),
                timeZone == null ? null : new ChangeContactDetails.Change(
                        CreateContactRequest.checkedTimeZone(timeZone.orElse(null))),
                change(patch.optionalText("companyId", 100)), FlagParam.parse("allowDuplicate", allowDuplicate),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(contactId, result));
    }

    @PostMapping(path = "/{contactId}/owner", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> assignOwner(@PathVariable @Size(max = 100) String contactId,
                                                          @Valid @RequestBody AssignOwnerRequest body,
                                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                          ServerHttpRequest request) {
        AssignContactOwner command = new AssignContactOwner(contactId, body.ownerId(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(contactId, result));
    }

    /** Merges the duplicate named in the body into this contact, which survives; the duplicate's id resolves to it. */
    @PostMapping(path = "/{contactId}/merge", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> merge(@PathVariable @Size(max = 100) String contactId,
                                                    @Valid @RequestBody MergeRequest body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    ServerHttpRequest request) {
        MergeContact command = new MergeContact(contactId, body.duplicateId(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(contactId, result));
    }

    private static ChangeContactDetails.Change change(Optional<String> member) {
        return member == null ? null : new ChangeContactDetails.Change(member.orElse(null));
    }
}
