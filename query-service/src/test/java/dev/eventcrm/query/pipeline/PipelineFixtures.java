package dev.eventcrm.query.pipeline;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bson.Document;

/** {@code pipelines} documents shaped as the projections module writes them. */
public final class PipelineFixtures {

    static final Instant UPDATED_AT = Instant.parse("2026-11-23T09:30:00.000Z");

    private PipelineFixtures() {
    }

    /** A stage as stored: {@code {id, name, probability, kind}}. */
    public static Document stage(String id, String name, int probability, String kind) {
        return new Document("id", id).append("name", name).append("probability", probability).append("kind", kind);
    }

    public static Document pipeline(String id, String name, long version, Document... stages) {
        return new Document("_id", id)
                .append("id", id)
                .append("name", name)
                .append("stages", List.of(stages))
                .append("updatedAt", Date.from(UPDATED_AT))
                .append("version", version)
                .append("applied", List.of(new Document("aggregateId", id).append("sequence", version)))
                .append("rev", "token");
    }
}
