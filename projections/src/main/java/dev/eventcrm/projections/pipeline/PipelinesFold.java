package dev.eventcrm.projections.pipeline;

import dev.eventcrm.events.pipeline.PipelineCreated;
import dev.eventcrm.events.pipeline.PipelineRenamed;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.PipelineStageAdded;
import dev.eventcrm.events.pipeline.PipelineStageChanged;
import dev.eventcrm.events.pipeline.PipelineStageRemoved;
import dev.eventcrm.events.pipeline.PipelineStagesReordered;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The pipelines' fold: each pipeline's own events shape its document. */
public final class PipelinesFold implements Fold<Pipeline> {

    @Override
    public List<String> targets(ParsedEvent event) {
        return event.isOf(ParsedEvent.PIPELINE) ? List.of(event.aggregateId()) : List.of();
    }

    @Override
    public Pipeline empty(String documentId) {
        return Pipeline.empty(documentId);
    }

    @Override
    public Pipeline apply(Pipeline pipeline, ParsedEvent event) {
        Instant at = event.occurredAt();
        if (event.payload() instanceof PipelineCreated created) {
            return new Pipeline(pipeline.id(), created.name(), created.stages(), at);
        }
        if (event.payload() instanceof PipelineRenamed renamed) {
            return new Pipeline(pipeline.id(), renamed.name(), pipeline.stages(), at);
        }
        if (event.payload() instanceof PipelineStageAdded added) {
            List<PipelineStage> stages = new ArrayList<>(pipeline.stages());
            // The command side validates the position; clamping keeps a bad one from blocking the projection.
            stages.add(Math.max(0, Math.min(added.position(), stages.size())), added.stage());
            return new Pipeline(pipeline.id(), pipeline.name(), stages, at);
        }
        if (event.payload() instanceof PipelineStageChanged changed) {
            List<PipelineStage> stages = pipeline.stages().stream()
                    .map(stage -> stage.id().equals(changed.stage().id()) ? changed.stage() : stage).toList();
            return new Pipeline(pipeline.id(), pipeline.name(), stages, at);
        }
        if (event.payload() instanceof PipelineStageRemoved removed) {
            List<PipelineStage> stages = pipeline.stages().stream()
                    .filter(stage -> !stage.id().equals(removed.stageId())).toList();
            return new Pipeline(pipeline.id(), pipeline.name(), stages, at);
        }
        if (event.payload() instanceof PipelineStagesReordered reordered) {
            // A stage the new order does not name (the command side names all) goes last rather than being lost.
            List<String> order = reordered.stageIds();
            List<PipelineStage> stages = pipeline.stages().stream()
                    .sorted(Comparator.comparingInt(stage -> order.contains(stage.id()) ? order.indexOf(stage.id())
                            : order.size()))
                    .toList();
            return new Pipeline(pipeline.id(), pipeline.name(), stages, at);
        }
        // A pipeline event the read model shows nothing of still marks the pipeline as changed.
        return new Pipeline(pipeline.id(), pipeline.name(), pipeline.stages(), at);
    }
}
