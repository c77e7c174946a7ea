package dev.eventcrm.events.pipeline;

import java.util.List;

/** @param stageIds every stage id of the pipeline, in the new order */
public record PipelineStagesReordered(String pipelineId, List<String> previousOrder, List<String> stageIds) {
}
