package dev.eventcrm.command.pipeline;

import dev.eventcrm.command.RuleViolation;
import dev.eventcrm.events.pipeline.PipelineStage;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Pipelines} for fixture tests: stage lists and deal places in maps. */
public class InMemoryPipelines implements Pipelines {

    private final Map<String, PipelineStages> pipelines = new HashMap<>();
    private final Map<String, String> placeOfDeal = new HashMap<>();

    public InMemoryPipelines with(String pipelineId, List<PipelineStage> stages) {
        pipelines.put(pipelineId, PipelineStages.of(pipelineId, stages));
        return this;
    }

    public InMemoryPipelines withDeal(String dealId, String pipelineId, String stageId) {
        placeOfDeal.put(dealId, pipelineId + "/" + stageId);
        return this;
    }

    public Map<String, String> placeOfDeal() {
        return placeOfDeal;
    }

    @Override
    public Optional<PipelineStages> find(String pipelineId) {
        return Optional.ofNullable(pipelines.get(pipelineId));
    }

    @Override
    public void created(String pipelineId, List<PipelineStage> stages) {
        with(pipelineId, stages);
    }

    @Override
    public void restaged(String pipelineId, List<PipelineStage> stages) {
        with(pipelineId, stages);
    }

    @Override
    public boolean enter(String dealId, String pipelineId, String stageId) {
        if (find(pipelineId).flatMap(stages -> stages.kind(stageId)).isEmpty()) {
            return false;
        }
        withDeal(dealId, pipelineId, stageId);
        return true;
    }

    @Override
    public void requireNoDeals(String pipelineId, String stageId) {
        if (placeOfDeal.containsValue(pipelineId + "/" + stageId)) {
            throw new RuleViolation("stage-not-empty", "Stage " + stageId + " holds deals");
        }
    }
}
