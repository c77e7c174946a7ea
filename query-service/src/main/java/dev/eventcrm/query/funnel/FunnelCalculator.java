package dev.eventcrm.query.funnel;

import java.time.Instant;
import java.util.List;

import dev.eventcrm.query.pipeline.PipelineView;

/**
 * The funnel of a cohort, counted in memory from its deals' facts with exact decimals. Pure: the same facts, stages,
 * mode and "now" give the same report, which is what the property test holds it to.
 */
public final class FunnelCalculator {
    static final String UNIT = "seconds";
    private static final String OPEN = "OPEN";

    private FunnelCalculator() {
    }

    /** @param stages the pipeline's stages in its latest order; only the OPEN ones get a row */
    public static FunnelView report(String pipelineId, FunnelMode mode, String from, String to,
                                    List<PipelineView.Stage> stages, List<FunnelFacts> cohort, Instant now) {
        return FunnelCohort.of(openStages(stages), cohort).report(pipelineId, mode, from, to, now);
    }

    static List<String> openStages(List<PipelineView.Stage> stages) {
        return stages.stream().filter(stage -> OPEN.equals(stage.kind())).map(PipelineView.Stage::id).toList();
    }
}
