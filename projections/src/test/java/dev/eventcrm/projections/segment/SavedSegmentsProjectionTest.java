package dev.eventcrm.projections.segment;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.segment.LifecycleStage;
import dev.eventcrm.events.segment.RfmSegment;
import dev.eventcrm.events.segment.SegmentDeleted;
import dev.eventcrm.events.segment.SegmentFilter;
import dev.eventcrm.events.segment.SegmentSaved;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class SavedSegmentsProjectionTest {
    private static final SegmentFilter CHAMPIONS = new SegmentFilter(List.of(RfmSegment.CHAMPIONS), null,
            List.of("DE"), null, null, 1, null, null, null);
    private static final SegmentFilter SLIPPING = new SegmentFilter(List.of(RfmSegment.AT_RISK,
            RfmSegment.CANNOT_LOSE_THEM), List.of(LifecycleStage.CUSTOMER), null, List.of("Berlin"), List.of("web"),
            null, null, null, 0);
    private static MongoTestServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @Test
    void theCurrentDefinitionIsKeptUnderRedeliveryAndGaps() {
        MongoDatabase database = mongo.freshDatabase();
        ParsedEvent saved = event("Segment", "s1", 0, T0, new SegmentSaved("s1", "German champions", CHAMPIONS));
        ParsedEvent redefined = event("Segment", "s1", 1, T0.plusSeconds(60), new SegmentSaved("s1", "Slipping",
                SLIPPING));
        Projection segments = SavedSegmentsProjection.create(database, new InMemoryEventHistory().store(saved,
                redefined), TIMEOUT);
        segments.prepare();

        segments.applyBatch(List.of(redefined, saved, redefined)); // the first definition is healed, then redelivered

        Document segment = byId(database, SavedSegmentsProjection.COLLECTION, "s1");
        assertThat(segment.getString("name")).isEqualTo("Slipping");
        assertThat(segment.getBoolean("deleted")).isFalse();
        assertThat(segment.get("createdAt")).isEqualTo(Date.from(T0));
        assertThat(segment.get("savedAt")).isEqualTo(Date.from(redefined.occurredAt()));
        assertThat(segment.get("version")).isEqualTo(1L);
        assertThat(segment.get("filter", Document.class)).isEqualTo(new Document("rfmSegments",
                List.of("AT_RISK", "CANNOT_LOSE_THEM")).append("lifecycles", List.of("CUSTOMER"))
                .append("countries", List.of()).append("cities", List.of("Berlin")).append("sources", List.of("web"))
                .append("minActivities30d", null).append("maxActivities30d", null)
                .append("minActivities90d", null).append("maxActivities90d", 0));
    }

    @Test
    void aDeletedSegmentStaysFlaggedWhenItsDefinitionIsRedelivered() {
        MongoDatabase database = mongo.freshDatabase();
        ParsedEvent saved = event("Segment", "s2", 0, T0, new SegmentSaved("s2", "German champions", CHAMPIONS));
        ParsedEvent deleted = event("Segment", "s2", 1, T0.plusSeconds(60), new SegmentDeleted("s2"));
        Projection segments = SavedSegmentsProjection.create(database, new InMemoryEventHistory().store(saved,
                deleted), TIMEOUT);
        segments.prepare();

        segments.applyBatch(List.of(saved, deleted));
        segments.applyBatch(List.of(saved));

        Document segment = byId(database, SavedSegmentsProjection.COLLECTION, "s2");
        assertThat(segment.getBoolean("deleted")).isTrue();
        assertThat(segment.getString("name")).isEqualTo("German champions");
    }

    @Test
    void theCodecReadsBackWhatItWrites() {
        SavedSegment segment = new SavedSegment("s3", "Slipping", SLIPPING, true, T0, T0.plusSeconds(5));
        SavedSegmentCodec codec = new SavedSegmentCodec();
        assertThat(codec.decode("s3", codec.encode(segment))).isEqualTo(segment);
    }
}
