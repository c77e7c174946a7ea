package dev.eventcrm.command.pipeline;

import dev.eventcrm.events.pipeline.PipelineStage;

import java.util.List;
import java.util.Optional;

/**
 * The stage lists of all pipelines, kept in the event store's database by the Pipeline aggregate in the transaction
 * of its events, and read by deal commands, which must not load (and so lock) the pipeline aggregate itself.
 * <p>
 * The order of stages may be read from a cache a few seconds old; whether a stage exists never is: a deal enters a
 * stage only through {@link #enter}, which checks the stage in the command's own transaction.
 */
public interface Pipelines {

    Optional<PipelineStages> find(String pipelineId);

    /** Records a new pipeline's stages, in order. */
    void created(String pipelineId, List<PipelineStage> stages);

    /** Records the pipeline's new stage list after a stage was added, removed or moved. */
    void restaged(String pipelineId, List<PipelineStage> stages);

    /**
     * Places a deal in a stage, in the command's transaction, unless the stage no longer exists. A concurrent
     * {@link #requireNoDeals} of the same stage waits for this transaction, or this one for it.
     *
     * @return false when the stage does not exist (any more)
     */
    boolean enter(String dealId, String pipelineId, String stageId);

    /** Refuses, while holding off deals entering the stage until the transaction ends, if any deal is in it. */
    void requireNoDeals(String pipelineId, String stageId);
}
