package dev.eventcrm.projections.pipeline;

import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.fold.StateCodec;
import org.bson.Document;

import java.util.List;

import static dev.eventcrm.projections.fold.Bson.date;
import static dev.eventcrm.projections.fold.Bson.instant;

/** A {@code pipelines} document: the field names are the contract with query-service. */
final class PipelineCodec implements StateCodec<Pipeline> {

    @Override
    public Document encode(Pipeline pipeline) {
        return new Document("id", pipeline.id())
                .append("name", pipeline.name())
                .append("stages", pipeline.stages().stream().map(stage -> new Document("id", stage.id())
                        .append("name", stage.name())
                        .append("probability", stage.probability())
                        .append("kind", stage.kind() == null ? null : stage.kind().name())).toList())
                .append("updatedAt", date(pipeline.updatedAt()));
    }

    @Override
    public Pipeline decode(String id, Document document) {
        List<PipelineStage> stages = document.getList("stages", Document.class, List.of()).stream()
                .map(stage -> new PipelineStage(stage.getString("id"), stage.getString("name"),
                        stage.get("probability", Number.class).intValue(),
                        stage.getString("kind") == null ? null : StageKind.valueOf(stage.getString("kind"))))
                .toList();
        return new Pipeline(id, document.getString("name"), stages, instant(document, "updatedAt"));
    }
}
