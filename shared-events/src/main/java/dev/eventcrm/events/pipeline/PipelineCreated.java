package dev.eventcrm.events.pipeline;

import java.util.List;

/** A pipeline with its stages in order (OPEN stages first in the order deals move forward). */
public record PipelineCreated(String pipelineId, String name, List<PipelineStage> stages) {
}
