package dev.eventcrm.projections.pipeline;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.pipeline.PipelineCreated;
import dev.eventcrm.events.pipeline.PipelineRenamed;
import dev.eventcrm.events.pipeline.PipelineStage;
import dev.eventcrm.events.pipeline.PipelineStageAdded;
import dev.eventcrm.events.pipeline.PipelineStageChanged;
import dev.eventcrm.events.pipeline.PipelineStageRemoved;
import dev.eventcrm.events.pipeline.PipelineStagesReordered;
import dev.eventcrm.events.pipeline.StageKind;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class PipelinesProjectionTest {
    private static final PipelineStage LEAD = new PipelineStage("LEAD", "Lead", 10, StageKind.OPEN);
    private static final PipelineStage DEMO = new PipelineStage("DEMO", "Demo", 40, StageKind.OPEN);
    private static final PipelineStage WON = new PipelineStage("WON", "Won", 100, StageKind.WON);
    private static final PipelineStage LOST = new PipelineStage("LOST", "Lost", 0, StageKind.LOST);

    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection pipelines;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshPipelines() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        pipelines = PipelinesProjection.create(database, history, TIMEOUT);
        pipelines.prepare();
    }

    private static ParsedEvent pipelineEvent(long sequence, Record payload) {
        return event("Pipeline", "p1", sequence, T0.plusSeconds(sequence * 60), payload);
    }

    private static ParsedEvent created() {
        return pipelineEvent(0, new PipelineCreated("p1", "Enterprise", List.of(LEAD, WON, LOST)));
    }

    private Document pipeline() {
        return byId(database, PipelinesProjection.COLLECTION, "p1");
    }

    private List<String> stageIds() {
        return pipeline().getList("stages", Document.class).stream().map(stage -> stage.getString("id")).toList();
    }

    @Test
    void createdStoresTheStagesInOrderWithTheirFields() {
        pipelines.applyBatch(List.of(created()));

        Document pipeline = pipeline();
        assertThat(pipeline.getString("id")).isEqualTo("p1");
        assertThat(pipeline.getString("name")).isEqualTo("Enterprise");
        assertThat(pipeline.getList("stages", Document.class)).containsExactly(
                new Document("id", "LEAD").append("name", "Lead").append("probability", 10).append("kind", "OPEN"),
                new Document("id", "WON").append("name", "Won").append("probability", 100).append("kind", "WON"),
                new Document("id", "LOST").append("name", "Lost").append("probability", 0).append("kind", "LOST"));
        assertThat(pipeline.getLong("version")).isZero();
        assertThat(pipeline.getDate("updatedAt")).isEqualTo(Date.from(T0));
    }

    @Test
    void renamedChangesTheNameOnly() {
        pipelines.applyBatch(List.of(created(), pipelineEvent(1, new PipelineRenamed("p1", "Enterprise", "Big deals"))));

        assertThat(pipeline().getString("name")).isEqualTo("Big deals");
        assertThat(stageIds()).containsExactly("LEAD", "WON", "LOST");
        assertThat(pipeline().getLong("version")).isEqualTo(1L);
        assertThat(pipeline().getDate("updatedAt")).isEqualTo(Date.from(T0.plusSeconds(60)));
    }

    @Test
    void aStageIsAddedAtItsZeroBasedPosition() {
        pipelines.applyBatch(List.of(created(), pipelineEvent(1, new PipelineStageAdded("p1", DEMO, 1))));
        assertThat(stageIds()).containsExactly("LEAD", "DEMO", "WON", "LOST");

        PipelineStage first = new PipelineStage("INBOUND", "Inbound", 5, StageKind.OPEN);
        pipelines.applyBatch(List.of(pipelineEvent(2, new PipelineStageAdded("p1", first, 0))));
        assertThat(stageIds()).containsExactly("INBOUND", "LEAD", "DEMO", "WON", "LOST");
        assertThat(pipeline().getList("stages", Document.class).get(0))
                .isEqualTo(new Document("id", "INBOUND").append("name", "Inbound").append("probability", 5)
                        .append("kind", "OPEN"));
    }

    @Test
    void aChangedStageKeepsItsPlace() {
        PipelineStage renamed = new PipelineStage("LEAD", "Qualified lead", 15, StageKind.OPEN);
        pipelines.applyBatch(List.of(created(), pipelineEvent(1, new PipelineStageChanged("p1", LEAD, renamed))));

        assertThat(pipeline().getList("stages", Document.class)).first().isEqualTo(new Document("id", "LEAD")
                .append("name", "Qualified lead").append("probability", 15).append("kind", "OPEN"));
        assertThat(stageIds()).containsExactly("LEAD", "WON", "LOST");
    }

    @Test
    void aRemovedStageIsGone() {
        pipelines.applyBatch(List.of(created(), pipelineEvent(1, new PipelineStageAdded("p1", DEMO, 1)),
                pipelineEvent(2, new PipelineStageRemoved("p1", "LEAD"))));

        assertThat(stageIds()).containsExactly("DEMO", "WON", "LOST");
    }

    @Test
    void reorderedStagesTakeTheNewOrder() {
        pipelines.applyBatch(List.of(created(), pipelineEvent(1, new PipelineStageAdded("p1", DEMO, 1)),
                pipelineEvent(2, new PipelineStagesReordered("p1", List.of("LEAD", "DEMO", "WON", "LOST"),
                        List.of("DEMO", "LEAD", "LOST", "WON")))));

        assertThat(stageIds()).containsExactly("DEMO", "LEAD", "LOST", "WON");
        assertThat(pipeline().getList("stages", Document.class).get(0).getInteger("probability")).isEqualTo(40);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        ParsedEvent added = pipelineEvent(1, new PipelineStageAdded("p1", DEMO, 1));
        pipelines.applyBatch(List.of(created(), added));
        Document before = pipeline();

        pipelines.applyBatch(List.of(added));
        pipelines.applyBatch(List.of(created(), added));

        assertThat(pipeline()).isEqualTo(before);
        assertThat(stageIds()).containsExactly("LEAD", "DEMO", "WON", "LOST");
        assertThat(history.calls()).isZero();
    }

    @Test
    void aGapIsHealedFromTheEventHistory() {
        ParsedEvent added = pipelineEvent(1, new PipelineStageAdded("p1", DEMO, 1));
        ParsedEvent renamed = pipelineEvent(2, new PipelineRenamed("p1", "Enterprise", "Big deals"));
        history.store(created(), added, renamed);

        pipelines.applyBatch(List.of(created()));
        pipelines.applyBatch(List.of(renamed));

        assertThat(stageIds()).containsExactly("LEAD", "DEMO", "WON", "LOST");
        assertThat(pipeline().getString("name")).isEqualTo("Big deals");
        assertThat(pipeline().getLong("version")).isEqualTo(2L);
    }

    @Test
    void otherAggregatesLeaveThePipelinesAlone() {
        pipelines.applyBatch(List.of(dealOpened("d1", "c1", "10.00", Instant.parse("2026-03-02T10:00:00Z"))));

        assertThat(MongoTestServer.all(database, PipelinesProjection.COLLECTION)).isEmpty();
    }
}
