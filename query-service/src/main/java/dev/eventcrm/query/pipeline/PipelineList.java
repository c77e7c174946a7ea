package dev.eventcrm.query.pipeline;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** Every pipeline, in id order: an installation has a handful, so there is no cursor. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PipelineList(List<PipelineView> items) {
}
