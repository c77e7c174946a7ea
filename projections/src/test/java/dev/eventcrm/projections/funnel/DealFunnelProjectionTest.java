package dev.eventcrm.projections.funnel;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.deal.DealReopened;
import dev.eventcrm.events.deal.DealStageMoved;
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

import java.util.Date;
import java.util.List;

import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.byId;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static dev.eventcrm.projections.testing.TestEvents.ownerAssigned;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;

class DealFunnelProjectionTest {
    private static MongoTestServer mongo;
    private MongoDatabase database;
    private InMemoryEventHistory history;
    private Projection funnel;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshFunnel() {
        database = mongo.freshDatabase();
        history = new InMemoryEventHistory();
        funnel = DealFunnelProjection.create(database, history, TIMEOUT);
        funnel.prepare();
    }

    private static ParsedEvent lost(String deal, long sequence, String from, String reason, int minute) {
        return event("Deal", deal, sequence, T0.plusSeconds(60L * minute),
                new DealStageMoved(deal, from, "LOST", "default", false, StageKind.LOST, reason, null));
    }

    @Test
    void reEntryKeepsOneStayPerStageWithTheStaysAddedUpAndTheLossWhereItHappened() {
        funnel.applyBatch(List.of(dealOpened("d1", "c1", "1500.00", T0),
                stageMoved("d1", 1, "NEW", "QUALIFIED", T0.plusSeconds(60 * 10)),
                ownerAssigned("d1", 2, "owner-1", "owner-2", T0.plusSeconds(60 * 11)),
                stageMoved("d1", 3, "QUALIFIED", "NEW", T0.plusSeconds(60 * 30)),
                stageMoved("d1", 4, "NEW", "QUALIFIED", T0.plusSeconds(60 * 35)),
                lost("d1", 5, "QUALIFIED", "price", 50)));

        Document deal = byId(database, DealFunnelProjection.COLLECTION, "d1");
        assertThat(deal.getString("pipelineId")).isEqualTo("default");
        assertThat(deal.getString("ownerAtOpening")).isEqualTo("owner-1"); // the later assignment does not move it
        assertThat(deal.getString("source")).isEqualTo("referral");
        assertThat(deal.getString("status")).isEqualTo("LOST");
        assertThat(deal.getString("lossStage")).isEqualTo("QUALIFIED");
        assertThat(deal.getString("lossReason")).isEqualTo("price");
        assertThat(deal.getDate("closedAt")).isEqualTo(Date.from(T0.plusSeconds(60 * 50)));
        assertThat(deal.getList("stays", Document.class)).containsExactly(
                // NEW: 0-10 and 30-35 -> 15 minutes; QUALIFIED: 10-30 and 35-50 -> 35 minutes, latest 35-50
                new Document("stage", "NEW").append("kind", "OPEN").append("enteredAt", Date.from(T0.plusSeconds(1800)))
                        .append("exitedAt", Date.from(T0.plusSeconds(2100))).append("completedMillis", 900_000L),
                new Document("stage", "QUALIFIED").append("kind", "OPEN")
                        .append("enteredAt", Date.from(T0.plusSeconds(2100)))
                        .append("exitedAt", Date.from(T0.plusSeconds(3000))).append("completedMillis", 2_100_000L),
                new Document("stage", "LOST").append("kind", "LOST")
                        .append("enteredAt", Date.from(T0.plusSeconds(3000))).append("exitedAt", null)
                        .append("completedMillis", 0L));
        assertThat(deal.getLong("version")).isEqualTo(5L);
    }

    @Test
    void aReopenedDealIsOpenAgainWithoutItsLossAndARedeliveryChangesNothing() {
        funnel.applyBatch(List.of(dealOpened("d1", "c1", "10.00", T0), lost("d1", 1, "NEW", null, 5)));
        Document lost = byId(database, DealFunnelProjection.COLLECTION, "d1");
        assertThat(lost.getString("lossReason")).isEqualTo("unspecified");
        assertThat(lost.getString("lossStage")).isEqualTo("NEW");

        ParsedEvent reopened = event("Deal", "d1", 2, T0.plusSeconds(600), new DealReopened("d1", "LOST", "NEW",
                "default"));
        funnel.applyBatch(List.of(reopened));
        Document open = byId(database, DealFunnelProjection.COLLECTION, "d1");
        funnel.applyBatch(List.of(reopened, lost("d1", 1, "NEW", null, 5)));

        assertThat(byId(database, DealFunnelProjection.COLLECTION, "d1")).isEqualTo(open);
        assertThat(open.getString("status")).isEqualTo("OPEN");
        assertThat(open.getString("stage")).isEqualTo("NEW");
        assertThat(open.get("lossStage")).isNull();
        assertThat(open.get("lossReason")).isNull();
        assertThat(open.get("closedAt")).isNull();
    }
}
