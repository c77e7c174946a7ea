package dev.eventcrm.command.segment;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import dev.eventcrm.events.segment.LifecycleStage;
import dev.eventcrm.events.segment.RfmSegment;
import dev.eventcrm.events.segment.SegmentFilter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Saved dynamic segments: {@code POST /api/v1/segments} defines one, {@code PUT /api/v1/segments/{id}} replaces its
 * whole definition, {@code DELETE /api/v1/segments/{id}} removes it. Segment and lifecycle names are the ids the
 * segments report uses ({@code at-risk}, {@code customer}); an unknown one is a 400 naming its list.
 */
@RestController
@RequestMapping(path = "/api/v1/segments", produces = MediaType.APPLICATION_JSON_VALUE)
class SegmentCommandController {
    private static final int MAX_VALUES = 100;
    private static final int MAX_ACTIVITIES = 1_000_000;

    /** @param filter absent: no criterion, every listed contact */
    record SegmentRequest(@NotBlank @Size(max = 200) String name, @Valid FilterRequest filter) {
    }

    record FilterRequest(
            @Size(max = MAX_VALUES) List<@NotNull String> rfmSegments,
            @Size(max = MAX_VALUES) List<@NotNull String> lifecycles,
            @Size(max = MAX_VALUES) List<@NotBlank @Size(max = 100) String> countries,
            @Size(max = MAX_VALUES) List<@NotBlank @Size(max = 100) String> cities,
            @Size(max = MAX_VALUES) List<@NotBlank @Size(max = 100) String> sources,
            @Min(0) @Max(MAX_ACTIVITIES) Integer minActivities30d,
            @Min(0) @Max(MAX_ACTIVITIES) Integer maxActivities30d,
            @Min(0) @Max(MAX_ACTIVITIES) Integer minActivities90d,
            @Min(0) @Max(MAX_ACTIVITIES) Integer maxActivities90d) {
    }

    private final CommandDispatcher dispatcher;

    SegmentCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** 201 {@code {"id","version":0}}. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> save(@Valid @RequestBody SegmentRequest body,
                                                   ServerHttpRequest request) {
        String segmentId = UUID.randomUUID().toString();
        SaveSegment command = new SaveSegment(segmentId, body.name(), filter(body.filter()));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", segmentId, "version", 0)));
    }

    /** The whole definition from now on; the same one again stores nothing; 409 {@code segment-deleted}. */
    @PutMapping(path = "/{segmentId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> redefine(@PathVariable @Size(max = 100) String segmentId,
                                                       @Valid @RequestBody SegmentRequest body,
                                                       @RequestHeader(name = "If-Match", required = false)
                                                       String ifMatch,
                                                       ServerHttpRequest request) {
        RedefineSegment command = new RedefineSegment(segmentId, body.name(), filter(body.filter()),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(segmentId, result));
    }

    /** 200 {@code {"id","version"}}; 409 {@code segment-deleted} when already deleted. */
    @DeleteMapping(path = "/{segmentId}")
    Mono<ResponseEntity<Map<String, Object>>> delete(@PathVariable @Size(max = 100) String segmentId,
                                                     @RequestHeader(name = "If-Match", required = false)
                                                     String ifMatch,
                                                     ServerHttpRequest request) {
        DeleteSegment command = new DeleteSegment(segmentId, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, Map.of(), command, Instant.now(),
                result -> CommandResponse.updated(segmentId, result));
    }

    /** Names to constants, values trimmed; repeated values once. */
    private static SegmentFilter filter(FilterRequest body) {
        if (body == null) {
            return new SegmentFilter(null, null, null, null, null, null, null, null, null);
        }
        return new SegmentFilter(named(RfmSegment.class, "filter.rfmSegments", body.rfmSegments()),
                named(LifecycleStage.class, "filter.lifecycles", body.lifecycles()), trimmed(body.countries()),
                trimmed(body.cities()), trimmed(body.sources()), body.minActivities30d(), body.maxActivities30d(),
                body.minActivities90d(), body.maxActivities90d());
    }

    private static List<String> trimmed(List<String> values) {
        return values == null ? null : values.stream().map(String::trim).distinct().toList();
    }

    /** The constants named by ids such as {@code at-risk} (case ignored); a 400 naming {@code field} otherwise. */
    private static <E extends Enum<E>> List<E> named(Class<E> type, String field, List<String> ids) {
        if (ids == null) {
            return null;
        }
        return ids.stream().map(id -> {
            try {
                return Enum.valueOf(type, id.trim().replace('-', '_').toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                throw ApiException.invalid(field, "unknown '" + id + "'; one of " + Arrays.stream(
                        type.getEnumConstants()).map(SegmentCommandController::id).collect(Collectors.joining(", ")));
            }
        }).distinct().toList();
    }

    /** The id the API and the segments report use: {@code AT_RISK} is {@code at-risk}. */
    private static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
