package dev.eventcrm.command.activity;

import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.events.activity.EmailDirection;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

/** Meetings, e-mails and notes, logged like calls: each its own aggregate, answered as POST /calls answers. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class ActivityCommandController {

    /** Unlike a call's, a meeting's time is required: it is part of the minimal record. */
    record LogMeetingRequest(
            @NotBlank @Size(max = 100) String contactId,
            @Size(max = 100) String dealId,
            @NotNull Instant occurredAt,
            @NotBlank @Size(max = 500) String subject,
            @NotBlank @Size(max = 4000) String result) {
    }

    record LogEmailRequest(
            @NotBlank @Size(max = 100) String contactId,
            @Size(max = 100) String dealId,
            @NotNull EmailDirection direction,
            @NotBlank @Size(max = 500) String subject,
            @NotNull Instant occurredAt) {
    }

    record AddNoteRequest(
            @NotBlank @Size(max = 100) String contactId,
            @Size(max = 100) String dealId,
            @NotBlank @Size(max = 10000) String text) {
    }

    private final CommandDispatcher dispatcher;

    ActivityCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(path = "/meetings", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> logMeeting(@Valid @RequestBody LogMeetingRequest body,
                                                         ServerHttpRequest request) {
        String meetingId = UUID.randomUUID().toString();
        LogMeeting command = new LogMeeting(meetingId, body.contactId(), body.dealId(), body.occurredAt(),
                body.subject(), body.result());
        return dispatcher.dispatch(request, body, command, body.occurredAt(),
                result -> created(meetingId, body.contactId(), body.dealId()));
    }

    @PostMapping(path = "/emails", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> logEmail(@Valid @RequestBody LogEmailRequest body,
                                                       ServerHttpRequest request) {
        String emailId = UUID.randomUUID().toString();
        LogEmail command = new LogEmail(emailId, body.contactId(), body.dealId(), body.direction(), body.subject(),
                body.occurredAt());
        return dispatcher.dispatch(request, body, command, body.occurredAt(),
                result -> created(emailId, body.contactId(), body.dealId()));
    }

    @PostMapping(path = "/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> addNote(@Valid @RequestBody AddNoteRequest body,
                                                      ServerHttpRequest request) {
        String noteId = UUID.randomUUID().toString();
        AddNote command = new AddNote(noteId, body.contactId(), body.dealId(), body.text());
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> created(noteId, body.contactId(), body.dealId()));
    }

    /** The activity's id and version, and the records it is about (as the client named them). */
    private static CommandResponse created(String id, String contactId, String dealId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("id", id);
        answer.put("version", 0);
        answer.put("contactId", contactId);
        if (dealId != null) {
            answer.put("dealId", dealId);
        }
        return new CommandResponse(201, answer);
    }
}
