package dev.eventcrm.events.pipeline;

public record PipelineRenamed(String pipelineId, String previousName, String name) {
}
