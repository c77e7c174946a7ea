package dev.eventcrm.events.deal;

import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;

import java.util.List;

/**
 * The skeleton's pipeline, which every installation has as pipeline {@code default}: its stage ids are what events
 * stored before custom pipelines refer to. Shared by writer and readers.
 */
public final class DealStages {

    public static final String PIPELINE = "default";
    public static final String PIPELINE_NAME = "Sales";
    public static final List<PipelineStage> DEFAULT_STAGES = List.of(
            new PipelineStage("NEW", "New", 10, StageKind.OPEN),
            new PipelineStage("QUALIFIED", "Qualified", 25, StageKind.OPEN),
            new PipelineStage("PROPOSAL", "Proposal", 50, StageKind.OPEN),
            new PipelineStage("NEGOTIATION", "Negotiation", 75, StageKind.OPEN),
            new PipelineStage("WON", "Won", 100, StageKind.WON),
            new PipelineStage("LOST", "Lost", 0, StageKind.LOST));
    public static final List<String> DEFAULT = DEFAULT_STAGES.stream().map(PipelineStage::id).toList();
    public static final List<String> CLOSED = List.of("WON", "LOST");
    /** The loss reason of a move into a LOST stage that gave none. */
    public static final String UNSPECIFIED_REASON = "unspecified";

    private DealStages() {
    }
}
