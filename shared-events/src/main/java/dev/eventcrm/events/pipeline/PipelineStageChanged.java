package dev.eventcrm.events.pipeline;

/** A stage's name or probability changed; its id and kind never change. */
public record PipelineStageChanged(String pipelineId, PipelineStage previous, PipelineStage stage) {
}
