package dev.eventcrm.command.deal;

import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.MergePatch;
import dev.eventcrm.events.Money;
import dev.eventcrm.events.deal.DealStages;
import org.springframework.web.bind.annotation.PatchMapping;
import tools.jackson.databind.JsonNode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/deals", produces = MediaType.APPLICATION_JSON_VALUE)
class DealCommandController {

    record MoneyRequest(
            @NotNull @DecimalMin("0.00") @Digits(integer = 15, fraction = 4) BigDecimal value,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR") String currency) {
    }

    record OpenDealRequest(
            @NotBlank @Size(max = 100) String contactId,
            @NotBlank @Size(max = 200) String title,
            @NotNull @Valid MoneyRequest amount,
            @NotBlank @Size(max = 100) String ownerId,
            @Size(max = 100) String source,
            @Size(max = 100) String pipelineId,
            LocalDate expectedCloseDate) {
    }

    record MoveStageRequest(@NotBlank @Size(max = 50) String stage, @Size(max = 50) String lossReason,
                            @Size(max = 2000) String comment) {
    }

    record ReopenRequest(@Size(max = 50) String stage) {
    }

    record AssignOwnerRequest(@NotBlank @Size(max = 100) String ownerId) {
    }

    private final CommandDispatcher dispatcher;

    DealCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> open(@Valid @RequestBody OpenDealRequest body,
                                                   ServerHttpRequest request) {
        String dealId = UUID.randomUUID().toString();
        OpenDeal command = new OpenDeal(dealId, body.contactId(), body.title(),
                new Money(body.amount().value(), body.amount().currency()), body.ownerId(), body.source(),
                body.pipelineId() == null ? DealStages.PIPELINE : body.pipelineId(), body.expectedCloseDate());
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", dealId, "version", 0)));
    }

    @PostMapping(path = "/{dealId}/stage", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> moveStage(@PathVariable @Size(max = 100) String dealId,
                                                        @Valid @RequestBody MoveStageRequest body,
                                                        @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                        ServerHttpRequest request) {
        MoveDealStage command = new MoveDealStage(dealId, body.stage(), body.lossReason(), body.comment(),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(dealId, result));
    }

    @PostMapping(path = "/{dealId}/owner", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> assignOwner(@PathVariable @Size(max = 100) String dealId,
                                                          @Valid @RequestBody AssignOwnerRequest body,
                                                          @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                          ServerHttpRequest request) {
        AssignOwner command = new AssignOwner(dealId, body.ownerId(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(dealId, result));
    }

    /** Reopens a WON or LOST deal; the body, naming the OPEN stage, is optional (default: the first). */
    @PostMapping(path = "/{dealId}/reopen")
    Mono<ResponseEntity<Map<String, Object>>> reopen(@PathVariable @Size(max = 100) String dealId,
                                                     @Valid @RequestBody(required = false) ReopenRequest body,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                     ServerHttpRequest request) {
        ReopenDeal command = new ReopenDeal(dealId, body == null ? null : body.stage(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body == null ? Map.of() : body, command, Instant.now(),
                result -> CommandResponse.updated(dealId, result));
    }

    /** JSON Merge Patch of title, amount ({@code value}, {@code currency}) and expectedCloseDate. */
    @PatchMapping(path = "/{dealId}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    Mono<ResponseEntity<Map<String, Object>>> patch(@PathVariable @Size(max = 100) String dealId,
                                                    @RequestBody JsonNode body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    ServerHttpRequest request) {
        MergePatch patch = MergePatch.of(body, Set.of("title", "amount", "expectedCloseDate"));
        MergePatch amount = patch.object("amount", Set.of("value", "currency"));
        if (patch.isRemoval("title")) {
            throw ApiException.invalid("title", "cannot be removed");
        }
        String currency = amount == null ? null : amount.text("currency", 3);
        if (currency != null && !currency.matches("[A-Z]{3}")) {
            throw ApiException.invalid("amount.currency", "must be an ISO 4217 code such as EUR");
        }
        ChangeDealDetails command = new ChangeDealDetails(dealId, patch.text("title", 200),
                amount == null ? null : amount.decimal("value", 15, 4), currency, patch.date("expectedCloseDate"),
                patch.isRemoval("expectedCloseDate"), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(dealId, result));
    }
}
