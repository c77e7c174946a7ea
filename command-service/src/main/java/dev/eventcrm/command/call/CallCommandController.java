package dev.eventcrm.command.call;

import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
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

import java.time.Instant;
import java.util.LinkedHashMap;
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

    CallCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> log(@Valid @RequestBody LogCallRequest body, ServerHttpRequest request) {
        Instant occurredAt = body.occurredAt() == null ? Instant.now() : body.occurredAt();
        String callId = UUID.randomUUID().toString();
        LogCall command = new LogCall(callId, body.contactId(), body.dealId(), body.direction(), body.outcome(),
                body.durationSeconds(), body.notes(), occurredAt);
        return dispatcher.dispatch(request, body, command, occurredAt,
                result -> new CommandResponse(201, created(callId, body)));
    }

    /**
     * The call's id and version, and the records whose call counters it changes, so that the client can wait for
     * them: {@code GET /api/v1/contacts/{contactId}?withCall={id}} (and the same on the deal).
     */
    private static Map<String, Object> created(String callId, LogCallRequest body) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", callId);
        answer.put("version", 0);
        answer.put("contactId", body.contactId());
        if (body.dealId() != null) {
            answer.put("dealId", body.dealId());
        }
        return answer;
    }
}
