package dev.eventcrm.command.pipeline;

import dev.eventcrm.command.lookup.AggregateLookup;
import dev.eventcrm.command.lookup.TargetsExisting;

/** A command to an existing pipeline. */
public interface PipelineCommand extends TargetsExisting {
    String pipelineId();

    /** The If-Match version; null when the request did not give one. */
    Long expectedVersion();

    @Override
    default String targetId() {
        return pipelineId();
    }

    @Override
    default String targetType() {
        return AggregateLookup.PIPELINE;
    }
}
