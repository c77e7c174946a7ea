package dev.eventcrm.query.pipeline;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import dev.eventcrm.events.deal.DealStages;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The stages of the pipelines deals can be in, for the features that read deals (the board, the deal list's stage
 * filter). Every installation has pipeline {@code default}; until its creation reaches the read model (the command
 * side records it at its first start, the projection may still be catching up), the built-in {@link DealStages}
 * stand in for it, so deals stored before custom pipelines stay readable.
 */
@Component
public class PipelineStages {

    private static final List<PipelineView.Stage> BUILT_IN_DEFAULT = DealStages.DEFAULT_STAGES.stream()
            .map(stage -> new PipelineView.Stage(stage.id(), stage.name(), stage.probability(), stage.kind().name()))
            .toList();

    private final PipelineRepository pipelines;

    PipelineStages(PipelineRepository pipelines) {
        this.pipelines = pipelines;
    }

    /** The pipeline's stages in order; empty when there is no such pipeline. */
    public Mono<List<PipelineView.Stage>> of(String pipelineId) {
        Mono<List<PipelineView.Stage>> stored = pipelines.findById(pipelineId).map(PipelineView::stages);
        return DealStages.PIPELINE.equals(pipelineId) ? stored.defaultIfEmpty(BUILT_IN_DEFAULT) : stored;
    }

    /** The ids of every pipeline's stages, sorted. */
    public Mono<SortedSet<String>> allIds() {
        return pipelines.findAll().collectList().map(documents -> {
            SortedSet<String> ids = new TreeSet<>();
            documents.forEach(doc -> PipelineView.stages(doc).forEach(stage -> ids.add(stage.id())));
            if (documents.stream().noneMatch(doc -> DealStages.PIPELINE.equals(doc.get("_id")))) {
                BUILT_IN_DEFAULT.forEach(stage -> ids.add(stage.id()));
            }
            return ids;
        });
    }
}
