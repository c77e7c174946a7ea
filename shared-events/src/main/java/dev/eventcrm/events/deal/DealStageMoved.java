package dev.eventcrm.events.deal;

import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;

/**
 * A deal moved from one stage of its pipeline to another; a move into a WON or LOST stage closes it.
 * <p>
 * The fields after {@code to} were added with custom pipelines; events stored before them have nulls there and
 * mean: pipeline {@code default}, no regression, the kind of {@code to} in {@link DealStages}, no reason.
 *
 * @param regression the move went backward in the pipeline's order (from a later OPEN stage to an earlier one)
 * @param kind       the kind of the stage moved to
 * @param lossReason for a move into a LOST stage: one of the configured reasons, or {@code unspecified}
 * @param comment    free text given with the move (typically why a deal was lost)
 */
public record DealStageMoved(String dealId, String from, String to, String pipelineId, Boolean regression,
                             StageKind kind, String lossReason, String comment) {

    /**
     * The kind of the stage moved to. Moves stored before kinds were recorded were in the default pipeline: the
     * kind {@code to} has there, and OPEN for a stage it does not have.
     */
    public StageKind targetKind() {
        return kind != null ? kind : DealStages.DEFAULT_STAGES.stream().filter(stage -> stage.id().equals(to))
                .map(PipelineStage::kind).findFirst().orElse(StageKind.OPEN);
    }

    /** The move as the skeleton recorded it, before custom pipelines. */
    public DealStageMoved(String dealId, String from, String to) {
        this(dealId, from, to, null, null, null, null, null);
    }
}
