package dev.eventcrm.command.pipeline;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.command.StaleVersion;
import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.events.pipeline.PipelineCreated;
import dev.eventcrm.events.pipeline.PipelineRenamed;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.PipelineStageAdded;
import dev.eventcrm.events.pipeline.PipelineStageChanged;
import dev.eventcrm.events.pipeline.PipelineStageRemoved;
import dev.eventcrm.events.pipeline.PipelineStagesReordered;
import dev.eventcrm.events.pipeline.StageKind;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A sales pipeline: its ordered stages. Every change is recorded in {@link Pipelines} in the same transaction, for the
 * deal commands that check moves against it. A stage id is never reused within a pipeline, so a deal's history
 * always means one stage.
 */
@Aggregate
public class Pipeline {

    @AggregateIdentifier
    private String pipelineId;
    private String name;
    private List<PipelineStage> stages;
    private Set<String> usedStageIds;

    protected Pipeline() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    public Pipeline(CreatePipeline command, AggregateLookup lookup, Pipelines pipelines) {
        requireUniqueIds(command.stages());
        requireEveryKind(command.stages(), "stages");
        lookup.register(command.pipelineId(), AggregateLookup.PIPELINE);
        pipelines.created(command.pipelineId(), command.stages());
        apply(new PipelineCreated(command.pipelineId(), command.name(), List.copyOf(command.stages())));
    }

    /** Returns the pipeline's version after the change (unchanged when the name is the same). */
    @CommandHandler
    public long handle(RenamePipeline command) {
        StaleVersion.require(pipelineId, command.expectedVersion());
        if (!command.name().equals(name)) {
            apply(new PipelineRenamed(pipelineId, name, command.name()));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(AddPipelineStage command, Pipelines pipelines) {
        StaleVersion.require(pipelineId, command.expectedVersion());
        PipelineStage stage = command.stage();
        if (usedStageIds.contains(stage.id())) {
            throw new RuleViolation("stage-id-taken", "id", "Stage id " + stage.id()
                    + " is or was used in this pipeline; stage ids are never reused");
        }
        int position = command.position() != null ? command.position() : defaultPosition(stage.kind());
        if (position < 0 || position > stages.size()) {
            throw new RuleViolation("invalid-position", "position",
                    "must be between 0 and " + stages.size());
        }
        List<PipelineStage> after = new ArrayList<>(stages);
        after.add(position, stage);
        pipelines.restaged(pipelineId, after);
        apply(new PipelineStageAdded(pipelineId, stage, position));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ChangePipelineStage command) {
        StaleVersion.require(pipelineId, command.expectedVersion());
        PipelineStage previous = stage(command.stageId());
        PipelineStage changed = new PipelineStage(previous.id(),
                Objects.requireNonNullElse(command.name(), previous.name()),
                Objects.requireNonNullElse(command.probability(), previous.probability()), previous.kind());
        if (!changed.equals(previous)) {
            apply(new PipelineStageChanged(pipelineId, previous, changed));
        }
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(RemovePipelineStage command, Pipelines pipelines) {
        StaleVersion.require(pipelineId, command.expectedVersion());
        PipelineStage removed = stage(command.stageId());
        List<PipelineStage> after = new ArrayList<>(stages);
        after.remove(removed);
        if (after.stream().noneMatch(stage -> stage.kind() == removed.kind())) {
            throw new RuleViolation("last-stage-of-kind", "Stage " + removed.id() + " is the pipeline's last "
                    + removed.kind() + " stage; a pipeline needs OPEN, WON and LOST stages");
        }
        pipelines.requireNoDeals(pipelineId, removed.id());
        pipelines.restaged(pipelineId, after);
        apply(new PipelineStageRemoved(pipelineId, removed.id()));
        return AggregateLifecycle.getVersion();
    }

    @CommandHandler
    public long handle(ReorderPipelineStages command, Pipelines pipelines) {
        StaleVersion.require(pipelineId, command.expectedVersion());
        List<String> current = stages.stream().map(PipelineStage::id).toList();
        if (command.stageIds().size() != current.size() || !new HashSet<>(command.stageIds()).equals(
                new HashSet<>(current))) {
            throw new RuleViolation("not-a-reordering", "stageIds",
                    "must list every stage of the pipeline once: " + current);
        }
        if (!command.stageIds().equals(current)) {
            pipelines.restaged(pipelineId, command.stageIds().stream().map(this::stage).toList());
            apply(new PipelineStagesReordered(pipelineId, current, List.copyOf(command.stageIds())));
        }
        return AggregateLifecycle.getVersion();
    }

    private int defaultPosition(StageKind kind) {
        if (kind != StageKind.OPEN) {
            return stages.size();
        }
        int afterLastOpen = 0;
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).kind() == StageKind.OPEN) {
                afterLastOpen = i + 1;
            }
        }
        return afterLastOpen;
    }

    private PipelineStage stage(String stageId) {
        return findStage(stageId).orElseThrow(() -> new RuleViolation("unknown-stage", "stageId",
                "Pipeline " + pipelineId + " has no stage " + stageId));
    }

    private Optional<PipelineStage> findStage(String stageId) {
        return stages.stream().filter(stage -> stage.id().equals(stageId)).findFirst();
    }

    private static void requireUniqueIds(List<PipelineStage> stages) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            if (!ids.add(stages.get(i).id())) {
                throw new RuleViolation("duplicate-stage", "stages[" + i + "].id",
                        "stage id " + stages.get(i).id() + " appears twice");
            }
        }
    }

    private static void requireEveryKind(List<PipelineStage> stages, String field) {
        for (StageKind kind : StageKind.values()) {
            if (stages.stream().noneMatch(stage -> stage.kind() == kind)) {
                throw new RuleViolation("missing-stage-kind", field,
                        "a pipeline needs at least one " + kind + " stage");
            }
        }
    }

    @EventSourcingHandler
    void on(PipelineCreated event) {
        pipelineId = event.pipelineId();
        name = event.name();
        stages = new ArrayList<>(event.stages());
        usedStageIds = new HashSet<>();
        event.stages().forEach(stage -> usedStageIds.add(stage.id()));
    }

    @EventSourcingHandler
    void on(PipelineRenamed event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(PipelineStageAdded event) {
        stages.add(event.position(), event.stage());
        usedStageIds.add(event.stage().id());
    }

    @EventSourcingHandler
    void on(PipelineStageChanged event) {
        stages.replaceAll(stage -> stage.id().equals(event.stage().id()) ? event.stage() : stage);
    }

    @EventSourcingHandler
    void on(PipelineStageRemoved event) {
        stages.removeIf(stage -> stage.id().equals(event.stageId()));
    }

    @EventSourcingHandler
    void on(PipelineStagesReordered event) {
        List<PipelineStage> reordered = new ArrayList<>();
        event.stageIds().forEach(id -> reordered.add(findStage(id).orElseThrow()));
        stages = reordered;
    }
}
