package dev.eventcrm.events.pipeline;

/**
 * A stage of a pipeline.
 *
 * @param id          stable id, referenced by deals (e.g. {@code PROPOSAL}); never reused within a pipeline
 * @param probability chance of winning a deal in this stage, 0-100, for the weighted amount
 */
public record PipelineStage(String id, String name, int probability, StageKind kind) {
}
