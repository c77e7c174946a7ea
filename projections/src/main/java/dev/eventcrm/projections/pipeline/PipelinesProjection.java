package dev.eventcrm.projections.pipeline;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The pipelines: one document per pipeline in {@code pipelines}, with its stages in order. */
public final class PipelinesProjection {
    public static final String NAME = "pipelines";
    public static final String COLLECTION = "pipelines";
    public static final int VERSION = 1;

    private PipelinesProjection() {
    }

    public static DocumentProjection<Pipeline> create(MongoDatabase database, EventHistory history, Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new PipelinesFold(), new PipelineCodec(),
                history, timeout);
    }
}
