package dev.eventcrm.command.user;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.MergePatch;
import dev.eventcrm.api.RequestHeaderRules;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import dev.eventcrm.events.user.WorkingHours;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RestController
@RequestMapping(path = "/api/v1/users", produces = MediaType.APPLICATION_JSON_VALUE)
class UserCommandController {

    /** A user's id is what X-Actor-Id sends, so it has that header's characters and length. */
    static final String USER_ID = RequestHeaderRules.ID_CHARACTERS + "{1,100}";
    private static final String NOT_BLANK = ".*\\S.*";

    record WorkingHoursRequest(@NotNull @Size(max = 7) List<String> days, @NotNull String from, @NotNull String to) {

        WorkingHours workingHours() {
            return new WorkingHours(UserInput.days(days), UserInput.time(from, "workingHours.from"),
                    UserInput.time(to, "workingHours.to"));
        }
    }

    /** @param timeZone and workingHours: the installation's zone and MON-FRI 09:00-18:00 when absent */
    record CreateUserRequest(
            @NotNull @Pattern(regexp = USER_ID, message = "must be 1 to 100 characters of A-Z a-z 0-9 . _ ~ : @ / + = -")
            String id,
            @NotBlank @Size(max = 200) String displayName,
            @Size(min = 1, max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank") String teamId,
            @NotBlank @Size(max = 50) String role,
            @Size(max = 64) String timeZone,
            @Valid WorkingHoursRequest workingHours) {
    }

    private final CommandDispatcher dispatcher;
    private final UserProperties properties;

    UserCommandController(CommandDispatcher dispatcher, UserProperties properties) {
        this.dispatcher = dispatcher;
        this.properties = properties;
    }

    /** 409 {@code user-exists} when the id is taken, also by a concurrent create of the same id. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody CreateUserRequest body,
                                                     ServerHttpRequest request) {
        CreateUser command = new CreateUser(body.id(), body.displayName(), body.teamId(), body.role(),
                body.timeZone() == null ? properties.defaultTimeZone() : UserInput.timeZone(body.timeZone()),
                body.workingHours() == null ? UserInput.DEFAULT_WORKING_HOURS : body.workingHours().workingHours());
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", body.id(), "version", 0)));
    }

    /**
     * JSON Merge Patch of displayName, teamId ({@code null}: no team), role, timeZone and workingHours (merged member
     * by member: days, from, to); only teamId can be removed.
     */
    @PatchMapping(path = "/{userId}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    Mono<ResponseEntity<Map<String, Object>>> patch(@PathVariable @Size(max = 100) String userId,
                                                    @RequestBody JsonNode body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    ServerHttpRequest request) {
        MergePatch patch = MergePatch.of(body, Set.of("displayName", "teamId", "role", "timeZone", "workingHours"));
        refuseRemoval(patch, "", "displayName", "role", "timeZone");
        MergePatch hours = patch.object("workingHours", Set.of("days", "from", "to"));
        if (hours != null) {
            refuseRemoval(hours, "workingHours.", "days", "from", "to");
        }
        String timeZone = patch.text("timeZone", 64);
        Optional<String> teamId = patch.optionalText("teamId", 100);
        List<String> days = hours == null ? null : hours.texts("days", 7, 20);
        String from = hours == null ? null : hours.text("from", 20);
        String to = hours == null ? null : hours.text("to", 20);
        ChangeUserDetails command = new ChangeUserDetails(userId, patch.text("displayName", 200),
                teamId == null ? null : new ChangeUserDetails.TeamChange(teamId.orElse(null)),
                patch.text("role", 50), timeZone == null ? null : UserInput.timeZone(timeZone),
                days == null ? null : UserInput.days(days),
                from == null ? null : UserInput.time(from, "workingHours.from"),
                to == null ? null : UserInput.time(to, "workingHours.to"),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(userId, result));
    }

    /** The user leaves: 409 {@code user-deactivated} when already gone. */
    @PostMapping(path = "/{userId}/deactivate")
    Mono<ResponseEntity<Map<String, Object>>> deactivate(@PathVariable @Size(max = 100) String userId,
                                                         @RequestHeader(name = "If-Match", required = false)
                                                         String ifMatch,
                                                         ServerHttpRequest request) {
        DeactivateUser command = new DeactivateUser(userId, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, Map.of(), command, Instant.now(),
                result -> CommandResponse.updated(userId, result));
    }

    @PostMapping(path = "/{userId}/reactivate")
    Mono<ResponseEntity<Map<String, Object>>> reactivate(@PathVariable @Size(max = 100) String userId,
                                                         @RequestHeader(name = "If-Match", required = false)
                                                         String ifMatch,
                                                         ServerHttpRequest request) {
        ReactivateUser command = new ReactivateUser(userId, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, Map.of(), command, Instant.now(),
                result -> CommandResponse.updated(userId, result));
    }

    private static void refuseRemoval(MergePatch patch, String path, String... fields) {
        for (String field : fields) {
            if (patch.isRemoval(field)) {
                throw ApiException.invalid(path + field, "cannot be removed");
            }
        }
    }
}
