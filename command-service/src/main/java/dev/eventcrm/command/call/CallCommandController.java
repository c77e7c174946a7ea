package dev.eventcrm.command.call;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.CommandServiceProperties;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.eventstore.EventStoreQueries;
import dev.eventcrm.events.call.CallDirection;
import dev.eventcrm.events.call.CallOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/calls", produces = MediaType.APPLICATION_JSON_VALUE)
class CallCommandController {

    record LogCallRequest(
            @NotBlank @Size(max = 100) String contactId,
            @Size(max = 100) String dealId,
            @NotNull CallDirection direction,
            @NotNull CallOutcome outcome,
            @NotNull @PositiveOrZero Integer durationSeconds,
            @Size(max = 4000) String notes,
            Instant occurredAt) {
    }

    private final CommandDispatcher dispatcher;
    private final EventStoreQueries eventStore;
    private final Duration maxClockSkew;

    CallCommandController(CommandDispatcher dispatcher, EventStoreQueries eventStore, CommandServiceProperties properties) {
        this.dispatcher = dispatcher;
        this.eventStore = eventStore;
        this.maxClockSkew = properties.commands().maxClockSkew();
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> log(@Valid @RequestBody LogCallRequest body, ServerHttpRequest request) {
        Instant now = Instant.now();
        Instant occurredAt = body.occurredAt() == null ? now : body.occurredAt();
        if (occurredAt.isAfter(now.plus(maxClockSkew))) {
            return Mono.error(ApiException.invalid("occurredAt", "must not be in the future"));
        }
        String callId = UUID.randomUUID().toString();
        LogCall command = new LogCall(callId, body.contactId(), body.dealId(), body.direction(), body.outcome(),
                body.durationSeconds(), body.notes(), occurredAt);
        return requireReferences(body).then(dispatcher.dispatch(request, body, command, occurredAt,
                result -> new CommandResponse(201, Map.of("id", callId))));
    }

    private Mono<Void> requireReferences(LogCallRequest body) {
        return Mono.fromCallable(() -> {
            List<ApiException.FieldError> errors = new ArrayList<>();
            if (!eventStore.exists(body.contactId(), "Contact")) {
                errors.add(new ApiException.FieldError("contactId", "no contact with id " + body.contactId()));
            }
            if (body.dealId() != null && !eventStore.exists(body.dealId(), "Deal")) {
                errors.add(new ApiException.FieldError("dealId", "no deal with id " + body.dealId()));
            }
            return errors;
        }).subscribeOn(Schedulers.boundedElastic()).flatMap(errors -> errors.isEmpty() ? Mono.<Void>empty()
                : Mono.error(ApiException.invalid(errors)));
    }
}
