package dev.eventcrm.projections.pipeline;

import dev.eventcrm.events.pipeline.PipelineStage;

import java.time.Instant;
import java.util.List;

/** One pipeline: its name and its stages in the pipeline's order. {@code name == null} until its creation is applied. */
public record Pipeline(String id, String name, List<PipelineStage> stages, Instant updatedAt) {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    static Pipeline empty(String id) {
        return new Pipeline(id, null, List.of(), null);
    }
}
