package dev.eventcrm.projections.segment;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.core.DocumentProjection;
import dev.eventcrm.projections.history.EventHistory;

import java.time.Duration;

/** The saved dynamic segments: one document per segment in {@code saved_segments}, its current definition. */
public final class SavedSegmentsProjection {
    public static final String NAME = "saved-segments";
    public static final String COLLECTION = "saved_segments";
    public static final int VERSION = 1;

    private SavedSegmentsProjection() {
    }

    public static DocumentProjection<SavedSegment> create(MongoDatabase database, EventHistory history,
                                                          Duration timeout) {
        return new DocumentProjection<>(NAME, VERSION, database, COLLECTION, new SavedSegmentsFold(),
                new SavedSegmentCodec(), history, timeout);
    }
}
