package dev.eventcrm.command.task;

import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import dev.eventcrm.events.task.TaskType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/tasks", produces = MediaType.APPLICATION_JSON_VALUE)
class TaskCommandController {

    /**
     * @param contactId and dealId: at least one (400 naming contactId otherwise)
     * @param nextStep  true: the deal's new next step, which completes its previous one (needs dealId, an open deal)
     */
    record CreateTaskRequest(
            @NotNull TaskType type,
            @NotNull Instant dueAt,
            @NotBlank @Size(max = 100) String assigneeId,
            @Size(min = 1, max = 100) String contactId,
            @Size(min = 1, max = 100) String dealId,
            @Size(max = 4000) String note,
            Boolean nextStep) {
    }

    record RescheduleRequest(@NotNull Instant dueAt) {
    }

    record CompleteRequest(@Size(max = 4000) String result) {
    }

    record CancelRequest(@Size(max = 2000) String reason) {
    }

    record AssigneeRequest(@NotBlank @Size(max = 100) String assigneeId) {
    }

    private final CommandDispatcher dispatcher;

    TaskCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /**
     * 201 {@code {"id","version":0}}; an unknown contact or deal is a 400 naming contactId or dealId, as is a next
     * step without dealId; a next step for a won or lost deal is a 409 {@code deal-not-open}.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody CreateTaskRequest body,
                                                     ServerHttpRequest request) {
        String taskId = UUID.randomUUID().toString();
        CreateTask command = new CreateTask(taskId, body.type(), body.dueAt(), body.assigneeId(), body.contactId(),
                body.dealId(), body.note(), Boolean.TRUE.equals(body.nextStep()));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", taskId, "version", 0)));
    }

    /** 409 {@code due-unchanged} when the task is already due then, {@code task-closed} once it is closed. */
    @PostMapping(path = "/{taskId}/reschedule", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> reschedule(@PathVariable @Size(max = 100) String taskId,
                                                         @Valid @RequestBody RescheduleRequest body,
                                                         @RequestHeader(name = "If-Match", required = false)
                                                         String ifMatch,
                                                         ServerHttpRequest request) {
        RescheduleTask command = new RescheduleTask(taskId, body.dueAt(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(taskId, result));
    }

    /** The body (a result) is optional; 409 {@code last-next-step} for the next step of an open deal. */
    @PostMapping(path = "/{taskId}/complete")
    Mono<ResponseEntity<Map<String, Object>>> complete(@PathVariable @Size(max = 100) String taskId,
                                                       @Valid @RequestBody(required = false) CompleteRequest body,
                                                       @RequestHeader(name = "If-Match", required = false)
                                                       String ifMatch,
                                                       ServerHttpRequest request) {
        CompleteTask command = new CompleteTask(taskId, body == null ? null : body.result(),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body == null ? Map.of() : body, command, Instant.now(),
                result -> CommandResponse.updated(taskId, result));
    }

    /** The body (a reason) is optional; 409 {@code last-next-step} for the next step of an open deal. */
    @PostMapping(path = "/{taskId}/cancel")
    Mono<ResponseEntity<Map<String, Object>>> cancel(@PathVariable @Size(max = 100) String taskId,
                                                     @Valid @RequestBody(required = false) CancelRequest body,
                                                     @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                     ServerHttpRequest request) {
        CancelTask command = new CancelTask(taskId, body == null ? null : body.reason(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body == null ? Map.of() : body, command, Instant.now(),
                result -> CommandResponse.updated(taskId, result));
    }

    @PostMapping(path = "/{taskId}/assignee", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> reassign(@PathVariable @Size(max = 100) String taskId,
                                                       @Valid @RequestBody AssigneeRequest body,
                                                       @RequestHeader(name = "If-Match", required = false)
                                                       String ifMatch,
                                                       ServerHttpRequest request) {
        ReassignTask command = new ReassignTask(taskId, body.assigneeId(), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(taskId, result));
    }
}
