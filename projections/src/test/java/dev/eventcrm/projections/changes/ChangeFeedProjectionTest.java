package dev.eventcrm.projections.changes;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.events.task.TaskReminderDue;
import dev.eventcrm.events.task.TaskType;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.MongoTestServer;
import com.mongodb.client.model.IndexOptions;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.event;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;

class ChangeFeedProjectionTest {
    private static MongoTestServer mongo;
    private MongoDatabase database;
    private ChangeFeedProjection feed;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    @BeforeEach
    void freshFeed() {
        database = mongo.freshDatabase();
        feed = new ChangeFeedProjection(database, TIMEOUT);
        feed.prepare();
    }

    private List<Document> changesByPosition() {
        return all(database, ChangeFeedProjection.COLLECTION).stream()
                .sorted(Comparator.comparingLong(d -> d.getLong("position"))).toList();
    }

    @Test
    void changeFeedAssignsIncreasingPositionsOncePerEvent() {
        List<ParsedEvent> events = List.of(
                contactCreated("c1", "Ada", T0),
                dealOpened("d1", "c1", "10.00", T0.plusSeconds(1)),
                callLogged("call-1", "c1", "d1", CONNECTED, T0.plusSeconds(2)),
                stageMoved("d1", 1, "NEW", "WON", T0.plusSeconds(3)));

        feed.applyBatch(events);
        feed.applyBatch(events); // redelivery of everything

        List<Document> changes = changesByPosition();
        assertThat(changes).extracting(d -> d.getLong("position")).containsExactly(1L, 2L, 3L, 4L);
        assertThat(changes).extracting(d -> d.getString("eventId"))
                .containsExactlyElementsOf(events.stream().map(ParsedEvent::eventId).toList());
        Document deal = changes.get(1);
        assertThat(deal.getString("type")).isEqualTo("DealOpened");
        assertThat(deal.getString("aggregateType")).isEqualTo("Deal");
        assertThat(deal.getString("aggregateId")).isEqualTo("d1");
        assertThat(deal.getLong("sequence")).isZero();
        assertThat(deal.getDate("recordedAt")).isEqualTo(Date.from(events.get(1).recordedAt()));
        assertThat(deal.getString("envelope")).isEqualTo(events.get(1).envelope());

        // A redelivery beside a new event takes no position: the new one gets the very next one.
        ParsedEvent zed = contactCreated("c9", "Zed", T0);
        feed.applyBatch(List.of(events.get(3), zed));
        assertThat(changesByPosition()).extracting(d -> d.getString("eventId") + "@" + d.getLong("position"))
                .endsWith(events.get(3).eventId() + "@4", zed.eventId() + "@5").hasSize(5);
    }

    @Test
    void aTaskReminderIsAddressedToTheTasksAssignee() {
        Instant due = T0.plusSeconds(3600);
        feed.applyBatch(List.of(
                event("Task", "t1", 1, T0, new TaskReminderDue("t1", "m7", due, due, 0, TaskType.CALL, "c1", null,
                        "call back")),
                contactCreated("c1", "Ada", T0)));

        assertThat(changesByPosition()).extracting(d -> d.getString("recipientId")).containsExactly("m7", null);
    }

    @Test
    void aRestartedWriterContinuesAfterTheHighestStoredPosition() {
        feed.applyBatch(List.of(contactCreated("c1", "Ada", T0), contactCreated("c2", "Bob", T0)));

        ChangeFeedProjection restarted = new ChangeFeedProjection(database, TIMEOUT);
        restarted.applyBatch(List.of(contactCreated("c3", "Cy", T0)));

        assertThat(changesByPosition()).extracting(d -> d.getLong("position")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void theDurableHeadMovesOnlyWhenPublishedAndNeverBack() {
        feed.applyBatch(List.of(contactCreated("c1", "Ada", T0), contactCreated("c2", "Bob", T0)));

        assertThat(all(database, ChangeFeedProjection.HEAD_COLLECTION)).isEmpty();
        assertThat(feed.publishDurableHead()).isEqualTo(2L);
        assertThat(all(database, ChangeFeedProjection.HEAD_COLLECTION)).singleElement()
                .satisfies(head -> assertThat(head.getLong("position")).isEqualTo(2L));

        // a writer that restarted behind (e.g. a stalled instance) cannot lower it
        Mono.from(database.getCollection(ChangeFeedProjection.COLLECTION)
                .deleteOne(new Document("position", 2L))).block(TIMEOUT);
        new ChangeFeedProjection(database, TIMEOUT).publishDurableHead();
        assertThat(all(database, ChangeFeedProjection.HEAD_COLLECTION)).singleElement()
                .satisfies(head -> assertThat(head.getLong("position")).isEqualTo(2L));
    }

    @Test
    void aPositionTakenMeanwhileIsGivenUpAndTheRestRenumbered() {
        ParsedEvent ada = contactCreated("c1", "Ada", T0);
        ParsedEvent bob = contactCreated("c2", "Bob", T0);
        ParsedEvent cy = contactCreated("c3", "Cy", T0);
        feed.applyBatch(List.of(ada));
        Mono.from(database.getCollection(ChangeFeedProjection.COLLECTION)
                .insertOne(new Document("_id", 3L).append("eventId", "foreign").append("position", 3L))).block(TIMEOUT);

        feed.applyBatch(List.of(bob, cy));
        feed.applyBatch(List.of(bob, cy)); // a retry after a failure the runner did not see

        assertThat(changesByPosition()).extracting(d -> d.getString("eventId") + "@" + d.getLong("position"))
                .containsExactly(ada.eventId() + "@1", bob.eventId() + "@2", "foreign@3", cy.eventId() + "@4");
    }

    @Test
    void entriesFromBeforePositionsBecameTheIdKeepTheirEventAndPosition() {
        ParsedEvent old = contactCreated("c1", "Ada", T0);
        MongoDatabase upgraded = mongo.freshDatabase();
        Mono.from(upgraded.getCollection(ChangeFeedProjection.COLLECTION)
                .insertOne(new Document("_id", old.eventId()).append("position", 1L))).block(TIMEOUT);
        ChangeFeedProjection feed = new ChangeFeedProjection(upgraded, TIMEOUT);
        feed.prepare();

        feed.applyBatch(List.of(old, contactCreated("c2", "Bob", T0)));

        assertThat(all(upgraded, ChangeFeedProjection.COLLECTION)).extracting(d -> d.getString("eventId") + "@"
                + d.get("position")).containsExactlyInAnyOrder(old.eventId() + "@1",
                contactCreated("c2", "Bob", T0).eventId() + "@2");
    }

    @Test
    void thePositionIndexIsTheSameOneQueryServiceCreates() {
        // query-service creates {position: 1} unique with the default name; a second name would be rejected.
        Mono.from(database.getCollection(ChangeFeedProjection.COLLECTION)
                .createIndex(new Document("position", 1), new IndexOptions().unique(true))).block(TIMEOUT);

        feed.prepare();

        List<Document> positionIndexes = Flux.from(database.getCollection(ChangeFeedProjection.COLLECTION)
                        .listIndexes()).filter(index -> new Document("position", 1).equals(index.get("key")))
                .collectList().block(TIMEOUT);
        assertThat(positionIndexes).singleElement().satisfies(index -> {
            assertThat(index.getString("name")).isEqualTo("position_1");
            assertThat(index.getBoolean("unique")).isTrue();
        });
    }
}
