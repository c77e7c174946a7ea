package dev.eventcrm.query.pipeline;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.bson.Document;

import static dev.eventcrm.query.mongo.Documents.documents;
import static dev.eventcrm.query.mongo.Documents.intValue;
import static dev.eventcrm.query.mongo.Documents.isoDate;
import static dev.eventcrm.query.mongo.Documents.longValue;
import static dev.eventcrm.query.mongo.Documents.string;

/** A {@code pipelines} document as the API shows it; {@code stages} in the pipeline's order. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record PipelineView(String id, String name, List<Stage> stages, long version, String updatedAt) {

    /** @param kind {@code OPEN}, {@code WON} or {@code LOST} */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Stage(String id, String name, int probability, String kind) {
    }

    static PipelineView from(Document doc) {
        return new PipelineView(
                doc.get("id") != null ? string(doc, "id") : string(doc, "_id"),
                string(doc, "name"),
                stages(doc),
                longValue(doc, "version", 0),
                isoDate(doc, "updatedAt"));
    }

    static List<Stage> stages(Document doc) {
        return documents(doc, "stages").stream()
                .map(stage -> new Stage(string(stage, "id"), string(stage, "name"), intValue(stage, "probability", 0),
                        string(stage, "kind")))
                .toList();
    }
}
