package dev.eventcrm.command.company;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.FlagParam;
import dev.eventcrm.api.MergePatch;
import dev.eventcrm.api.phone.PhoneNumbers;
import dev.eventcrm.command.contact.CreateContactRequest;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Email;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/companies", produces = MediaType.APPLICATION_JSON_VALUE)
class CompanyCommandController {

    record CreateCompanyRequest(
            @NotBlank @Size(max = 200) String name,
            @Size(max = 20) String inn,
            @Size(max = 20) List<@NotBlank @Size(max = 50) String> phones,
            @Size(max = 20) List<@NotBlank @Email @Size(max = 254) String> emails,
            @Size(max = 200) String website,
            @Size(max = 100) String city,
            @Size(max = 100) String country,
            @Size(max = 100) String source,
            @NotBlank @Size(max = 100) String ownerId) {
    }

    record ArchiveCompanyRequest(@Size(max = 200) String reason) {
    }

    record AssignOwnerRequest(@NotBlank @Size(max = 100) String ownerId) {
    }

    /** The reason recorded when a user archives a company without giving one. */
    static final String MANUAL = "manual";

    private final CommandDispatcher dispatcher;
    private final PhoneNumbers phoneNumbers;
    private final Validator validator;

    CompanyCommandController(CommandDispatcher dispatcher, PhoneNumbers phoneNumbers, Validator validator) {
        this.dispatcher = dispatcher;
        this.phoneNumbers = phoneNumbers;
        this.validator = validator;
    }

    /** Phones are normalised as contacts' are (400 naming {@code phones[i]}); the INN's check digits are checked. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody CreateCompanyRequest body,
                                                     @RequestParam(required = false) String allowDuplicate,
                                                     ServerHttpRequest request) {
        String companyId = UUID.randomUUID().toString();
        CreateCompany command = new CreateCompany(companyId, body.name(), Inn.checked("inn", body.inn()),
                CreateContactRequest.normalised(body.phones() == null ? List.of() : body.phones(), phoneNumbers),
                body.emails(), Website.checked(body.website()), body.city(), body.country(), body.source(),
                body.ownerId(), FlagParam.parse("allowDuplicate", allowDuplicate));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", companyId, "version", 0)));
    }

    /**
     * JSON Merge Patch of name, inn, phones, emails, website, city, country and source (null removes an optional
     * one); a new INN, phone or e-mail is checked for duplicates as on creation.
     */
    @PatchMapping(path = "/{companyId}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    Mono<ResponseEntity<Map<String, Object>>> patch(@PathVariable @Size(max = 100) String companyId,
                                                    @RequestBody JsonNode body,
                                                    @RequestParam(required = false) String allowDuplicate,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    ServerHttpRequest request) {
        MergePatch patch = MergePatch.of(body, Set.of("name", "inn", "phones", "emails", "website", "city",
                "country", "source"));
        if (patch.isRemoval("name")) {
            throw ApiException.invalid("name", "cannot be removed");
        }
        List<String> phones = patch.texts("phones", 20, 50);
        List<String> emails = patch.emails("emails", 20, validator);
        Optional<String> inn = patch.optionalText("inn", 20);
        Optional<String> website = patch.optionalText("website", 200);
        ChangeCompanyDetails command = new ChangeCompanyDetails(companyId, patch.text("name", 200),
                inn == null ? null : new ChangeCompanyDetails.Change(Inn.checked("inn", inn.orElse(null))),
                phones == null ? null : CreateContactRequest.normalised(phones, phoneNumbers), emails,
                website == null ? null : new ChangeCompanyDetails.Change(Website.checked(website.orElse(null))),
                change(patch.optionalText("city", 100)), change(patch.optionalText("country", 100)),
                change(patch.optionalText("source", 100)), FlagParam.parse("allowDuplicate", allowDuplicate),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(companyId, result));
    }

    /** Archives the company; the body, with a {@code reason}, is optional. Its contacts stay linked to it. */
    @PostMapping(path = "/{companyId}/archive")
    Mono<ResponseEntity<Map<String, Object>>> archive(@PathVariable @Size(max = 100) String companyId,
                                                      @Valid @RequestBody(required = false) ArchiveCompanyRequest body,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      ServerHttpRequest request) {
        String reason = body == null || body.reason() == null || body.reason().isBlank() ? MANUAL : body.reason();
        ArchiveCompany command = new ArchiveCompany(companyId, reason, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body == null ? Map.of() : body, command, Instant.now(),
                result -> CommandResponse.updated(companyId, result));
    }

    @PostMapping(path = "/{companyId}/restore")
    Mono<ResponseEntity<Map<String, Object>>> restore(@PathVariable @Size(max = 100) String companyId,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      ServerHttpRequest request) {
        RestoreCompany command = new RestoreCompany(companyId, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, Map.of(), command, Instant.now(),
                result -> CommandResponse.updated(companyId, result));
    }

    @PostMapping(path = "/{companyId}/owner", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> assignOwner(@PathVariable @Size(max = 100) String companyId,
                                                          @Valid @RequestBody AssignOwnerRequest body,
                                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                          ServerHttpRequest request) {
        AssignCompanyOwner command = new AssignCompanyOwner(companyId, body.ownerId(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(companyId, result));
    }

    private static ChangeCompanyDetails.Change change(Optional<String> member) {
        return member == null ? null : new ChangeCompanyDetails.Change(member.orElse(null));
    }
}
