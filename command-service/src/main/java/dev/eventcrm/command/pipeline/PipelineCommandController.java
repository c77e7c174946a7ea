package dev.eventcrm.command.pipeline;

import dev.eventcrm.api.ApiException;
import dev.eventcrm.api.MergePatch;
import dev.eventcrm.command.dispatch.CommandDispatcher;
import dev.eventcrm.command.dispatch.CommandResponse;
import dev.eventcrm.command.dispatch.IfMatch;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

@RestController
@RequestMapping(path = "/api/v1/pipelines", produces = MediaType.APPLICATION_JSON_VALUE)
class PipelineCommandController {

    static final String STAGE_ID = "[A-Za-z0-9_-]{1,50}";

    record StageRequest(
            @NotBlank @Pattern(regexp = STAGE_ID, message = "must be 1 to 50 of A-Z a-z 0-9 _ -") String id,
            @NotBlank @Size(max = 100) String name,
            @NotNull @Min(0) @Max(100) Integer probability,
            @NotNull StageKind kind) {

        PipelineStage stage() {
            return new PipelineStage(id, name, probability, kind);
        }
    }

    record CreatePipelineRequest(@NotBlank @Size(max = 100) String name,
                                 @NotEmpty @Size(max = 50) List<@NotNull @Valid StageRequest> stages) {
    }

    record AddStageRequest(@NotBlank @Pattern(regexp = STAGE_ID, message = "must be 1 to 50 of A-Z a-z 0-9 _ -")
                           String id,
                           @NotBlank @Size(max = 100) String name,
                           @NotNull @Min(0) @Max(100) Integer probability,
                           @NotNull StageKind kind,
                           @Min(0) Integer position) {
    }

    record StageOrderRequest(@NotEmpty @Size(max = 50) List<@NotBlank @Size(max = 50) String> stageIds) {
    }

    private final CommandDispatcher dispatcher;

    PipelineCommandController(CommandDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> create(@Valid @RequestBody CreatePipelineRequest body,
                                                     ServerHttpRequest request) {
        String pipelineId = UUID.randomUUID().toString();
        CreatePipeline command = new CreatePipeline(pipelineId, body.name(),
                body.stages().stream().map(StageRequest::stage).toList());
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> new CommandResponse(201, Map.of("id", pipelineId, "version", 0)));
    }

    /** JSON Merge Patch of the pipeline's {@code name}; stages change through their sub-resources. */
    @PatchMapping(path = "/{pipelineId}", consumes = {MergePatch.MEDIA_TYPE, MediaType.APPLICATION_JSON_VALUE})
    Mono<ResponseEntity<Map<String, Object>>> patch(@PathVariable @Size(max = 100) String pipelineId,
                                                    @RequestBody JsonNode body,
                                                    @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                    ServerHttpRequest request) {
        MergePatch patch = MergePatch.of(body, Set.of("name"));
        String name = patch.text("name", 100);
        if (name == null) {
            throw ApiException.invalid("name", "is the field to change, and cannot be removed");
        }
        return dispatcher.dispatch(request, body, new RenamePipeline(pipelineId, name, IfMatch.version(ifMatch)),
                Instant.now(), result -> CommandResponse.updated(pipelineId, result));
    }

    @PostMapping(path = "/{pipelineId}/stages", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> addStage(@PathVariable @Size(max = 100) String pipelineId,
                                                       @Valid @RequestBody AddStageRequest body,
                                                       @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                       ServerHttpRequest request) {
        AddPipelineStage command = new AddPipelineStage(pipelineId,
                new PipelineStage(body.id(), body.name(), body.probability(), body.kind()), body.position(),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(pipelineId, result));
    }

    /** JSON Merge Patch of a stage's {@code name} and {@code probability}; its id and kind are fixed. */
    @PatchMapping(path = "/{pipelineId}/stages/{stageId}", consumes = {MergePatch.MEDIA_TYPE,
            MediaType.APPLICATION_JSON_VALUE})
    Mono<ResponseEntity<Map<String, Object>>> changeStage(@PathVariable @Size(max = 100) String pipelineId,
                                                          @PathVariable @Size(max = 50) String stageId,
                                                          @RequestBody JsonNode body,
                                                          @RequestHeader(name = "If-Match", required = false)
                                                          String ifMatch,
                                                          ServerHttpRequest request) {
        MergePatch patch = MergePatch.of(body, Set.of("name", "probability"));
        ChangePipelineStage command = new ChangePipelineStage(pipelineId, stageId, patch.text("name", 100),
                patch.integer("probability", 0, 100), IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(pipelineId, result));
    }

    /** Refused with 409 {@code stage-not-empty} while deals are in the stage. */
    @DeleteMapping(path = "/{pipelineId}/stages/{stageId}")
    Mono<ResponseEntity<Map<String, Object>>> removeStage(@PathVariable @Size(max = 100) String pipelineId,
                                                          @PathVariable @Size(max = 50) String stageId,
                                                          @RequestHeader(name = "If-Match", required = false)
                                                          String ifMatch,
                                                          ServerHttpRequest request) {
        RemovePipelineStage command = new RemovePipelineStage(pipelineId, stageId, IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, Map.of(), command, Instant.now(),
                result -> CommandResponse.updated(pipelineId, result));
    }

    @PutMapping(path = "/{pipelineId}/stage-order", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> reorder(@PathVariable @Size(max = 100) String pipelineId,
                                                      @Valid @RequestBody StageOrderRequest body,
                                                      @RequestHeader(name = "If-Match", required = false) String ifMatch,
                                                      ServerHttpRequest request) {
        ReorderPipelineStages command = new ReorderPipelineStages(pipelineId, body.stageIds(),
                IfMatch.version(ifMatch));
        return dispatcher.dispatch(request, body, command, Instant.now(),
                result -> CommandResponse.updated(pipelineId, result));
    }
}
