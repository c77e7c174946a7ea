package dev.eventcrm.command.pipeline;

import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;

import java.util.List;
import java.util.Optional;

/** The stages of one pipeline in order, as deal commands need them: which exist, their order, and their kind. */
public record PipelineStages(String pipelineId, List<Stage> stages) {

    public record Stage(String id, StageKind kind) {
    }

    public PipelineStages {
        stages = List.copyOf(stages);
    }

    public static PipelineStages of(String pipelineId, List<PipelineStage> stages) {
        return new PipelineStages(pipelineId, stages.stream().map(stage -> new Stage(stage.id(), stage.kind())).toList());
    }

    public Optional<StageKind> kind(String stageId) {
        return stages.stream().filter(stage -> stage.id().equals(stageId)).map(Stage::kind).findFirst();
    }

    public int position(String stageId) {
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i).id().equals(stageId)) {
                return i;
            }
        }
        return -1;
    }

    /** The stage a new deal opens in. */
    public String firstOpenStage() {
        return stages.stream().filter(stage -> stage.kind() == StageKind.OPEN).map(Stage::id).findFirst()
                .orElseThrow(() -> new IllegalStateException("pipeline " + pipelineId + " has no OPEN stage"));
    }

    public List<String> ids() {
        return stages.stream().map(Stage::id).toList();
    }
}
