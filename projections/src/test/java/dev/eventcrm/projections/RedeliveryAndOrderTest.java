package dev.eventcrm.projections;

import com.mongodb.reactivestreams.client.MongoDatabase;
import dev.eventcrm.projections.changes.ChangeFeedProjection;
import dev.eventcrm.projections.contact.ContactCardProjection;
import dev.eventcrm.projections.core.Projection;
import dev.eventcrm.projections.deal.DealBoardProjection;
import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.testing.InMemoryEventHistory;
import dev.eventcrm.projections.testing.MongoTestServer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import static dev.eventcrm.events.call.CallOutcome.BUSY;
import static dev.eventcrm.events.call.CallOutcome.CONNECTED;
import static dev.eventcrm.events.call.CallOutcome.NO_ANSWER;
import static dev.eventcrm.projections.testing.MongoTestServer.TIMEOUT;
import static dev.eventcrm.projections.testing.MongoTestServer.all;
import static dev.eventcrm.projections.testing.TestEvents.T0;
import static dev.eventcrm.projections.testing.TestEvents.callLogged;
import static dev.eventcrm.projections.testing.TestEvents.contactCreated;
import static dev.eventcrm.projections.testing.TestEvents.dealOpened;
import static dev.eventcrm.projections.testing.TestEvents.ownerAssigned;
import static dev.eventcrm.projections.testing.TestEvents.stageMoved;
import static org.assertj.core.api.Assertions.assertThat;

/** Rules that hold across all read models: at-least-once delivery and per-aggregate (not global) order. */
class RedeliveryAndOrderTest {
    private static final List<String> COLLECTIONS = List.of(DealBoardProjection.COLLECTION,
            ContactCardProjection.COLLECTION, ChangeFeedProjection.COLLECTION);
    private static MongoTestServer mongo;

    @BeforeAll
    static void startMongo() {
        mongo = new MongoTestServer();
    }

    @AfterAll
    static void stopMongo() {
        mongo.close();
    }

    private static List<ParsedEvent> scenario() {
        return List.of(
                contactCreated("c1", "Ada", T0),
                contactCreated("c2", "Bob", T0.plusSeconds(1)),
                dealOpened("d1", "c1", "1500.00", T0.plusSeconds(2)),
                callLogged("call-1", "c1", "d1", NO_ANSWER, T0.plusSeconds(3)),
                stageMoved("d1", 1, "NEW", "QUALIFIED", T0.plusSeconds(4)),
                dealOpened("d2", "c2", "20.00", T0.plusSeconds(5)),
                callLogged("call-2", "c1", "d1", CONNECTED, T0.plusSeconds(6)),
                callLogged("call-3", "c2", null, BUSY, T0.plusSeconds(7)),
                ownerAssigned("d1", 2, "owner-1", "owner-2", T0.plusSeconds(8)),
                stageMoved("d2", 1, "NEW", "LOST", T0.plusSeconds(9)),
                stageMoved("d1", 3, "QUALIFIED", "WON", T0.plusSeconds(10)));
    }

    private static List<Projection> projections(MongoDatabase database) {
        InMemoryEventHistory history = new InMemoryEventHistory();
        return List.of(DealBoardProjection.create(database, history, TIMEOUT),
                ContactCardProjection.create(database, history, TIMEOUT),
                new ChangeFeedProjection(database, TIMEOUT));
    }

    private static void applyAll(List<Projection> projections, List<ParsedEvent> events) {
        projections.forEach(Projection::prepare);
        for (ParsedEvent event : events) {
            projections.forEach(p -> p.applyBatch(List.of(event)));
        }
    }

    /** The whole delivery as one polled batch, folded in memory and written once. */
    private static void applyAsOneBatch(List<Projection> projections, List<ParsedEvent> events) {
        projections.forEach(Projection::prepare);
        projections.forEach(p -> p.applyBatch(events));
    }

    private static Map<String, List<Document>> snapshot(MongoDatabase database, List<String> collections) {
        return collections.stream().collect(Collectors.toMap(c -> c, c -> all(database, c)));
    }

    @Test
    void redeliveringEveryEventChangesNothing() {
        MongoDatabase database = mongo.freshDatabase();
        List<Projection> projections = projections(database);
        applyAll(projections, scenario());
        Map<String, List<Document>> once = snapshot(database, COLLECTIONS);

        applyAll(projections, scenario());

        assertThat(snapshot(database, COLLECTIONS)).isEqualTo(once);
        assertThat(once.get(DealBoardProjection.COLLECTION)).hasSize(2);
        assertThat(once.get(ChangeFeedProjection.COLLECTION)).hasSize(scenario().size());
    }

    @Test
    void deliveryOrderAcrossAggregatesDoesNotChangeTheReadModels() {
        MongoDatabase inOrder = mongo.freshDatabase();
        applyAll(projections(inOrder), scenario());
        List<String> readModels = List.of(DealBoardProjection.COLLECTION, ContactCardProjection.COLLECTION);
        Map<String, List<Document>> expected = comparable(snapshot(inOrder, readModels));

        // Other interleavings of the aggregates' streams, as partitions produce them, each stream in its own order:
        // every call first (before its contact and deal exist), then the streams backwards, then a random mix.
        List<List<ParsedEvent>> orders = List.of(
                streamsInOrder(scenario(), List.of("call-3", "call-2", "call-1", "d2", "d1", "c2", "c1")),
                interleave(scenario(), new Random(42)));
        for (List<ParsedEvent> order : orders) {
            assertThat(order).isNotEqualTo(scenario()).containsExactlyInAnyOrderElementsOf(scenario());
            MongoDatabase database = mongo.freshDatabase();
            applyAll(projections(database), order);
            assertThat(comparable(snapshot(database, readModels))).isEqualTo(expected);
            MongoDatabase batched = mongo.freshDatabase();
            applyAsOneBatch(projections(batched), order);
            assertThat(comparable(snapshot(batched, readModels))).isEqualTo(expected);
        }
    }

    private static Map<String, List<ParsedEvent>> streams(List<ParsedEvent> events) {
        return events.stream().collect(Collectors.groupingBy(ParsedEvent::aggregateId, LinkedHashMap::new,
                Collectors.toCollection(ArrayList::new)));
    }

    private static List<ParsedEvent> streamsInOrder(List<ParsedEvent> events, List<String> aggregateIds) {
        Map<String, List<ParsedEvent>> streams = streams(events);
        return aggregateIds.stream().flatMap(id -> streams.get(id).stream()).toList();
    }

    private static List<ParsedEvent> interleave(List<ParsedEvent> events, Random random) {
        List<List<ParsedEvent>> queues = new ArrayList<>(streams(events).values());
        List<ParsedEvent> result = new ArrayList<>();
        while (!queues.isEmpty()) {
            List<ParsedEvent> queue = queues.get(random.nextInt(queues.size()));
            result.add(queue.remove(0));
            if (queue.isEmpty()) {
                queues.remove(queue);
            }
        }
        return result;
    }

    /**
     * Without the write token (each write draws a new one) and with the applied sequences in one order (a set kept as
     * an array: its order follows delivery, its content must not).
     */
    private static Map<String, List<Document>> comparable(Map<String, List<Document>> snapshot) {
        snapshot.values().forEach(documents -> documents.forEach(d -> {
            d.remove("rev");
            d.put("applied", d.getList("applied", Document.class).stream()
                    .sorted(java.util.Comparator.comparing(a -> a.getString("aggregateId"))).toList());
        }));
        return snapshot;
    }
}
