package dev.eventcrm.projections.testing;

import dev.eventcrm.events.call.CallOutcome;
import dev.eventcrm.projections.event.ParsedEvent;
import org.bson.Document;
import reactor.core.publisher.Flux;

import com.mongodb.reactivestreams.client.MongoDatabase;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static dev.eventcrm.projections.testing.TestEvents.T0;

/** A valid random history of contacts, deals and calls in commit order, and ways to compare read models. */
public final class Scenario {
    private static final List<String> STAGES = List.of("NEW", "QUALIFIED", "PROPOSAL", "NEGOTIATION", "WON", "LOST");

    private Scenario() {
    }

    public static List<ParsedEvent> generate(long seed, int contacts, int deals, int steps) {
        Random random = new Random(seed);
        List<ParsedEvent> events = new ArrayList<>();
        for (int c = 0; c < contacts; c++) {
            events.add(TestEvents.contactCreated("c" + c, "Name" + c, T0.plusSeconds(c)));
        }
        Map<String, Integer> sequences = new HashMap<>();
        Map<String, String> stages = new HashMap<>();
        for (int d = 0; d < deals; d++) {
            events.add(TestEvents.dealOpened("d" + d, "c" + random.nextInt(contacts), "100.00", T0.plusSeconds(d)));
            sequences.put("d" + d, 0);
            stages.put("d" + d, "NEW");
        }
        for (int step = 0; step < steps; step++) {
            Instant at = T0.plusSeconds(10_000 + step);
            String deal = "d" + random.nextInt(deals);
            if (random.nextInt(3) == 0) {
                events.add(TestEvents.callLogged("call" + step, "c" + random.nextInt(contacts),
                        random.nextBoolean() ? deal : null, CallOutcome.values()[random.nextInt(6)], at));
            } else {
                String to = STAGES.get(random.nextInt(STAGES.size()));
                events.add(TestEvents.stageMoved(deal, sequences.merge(deal, 1, Integer::sum), stages.get(deal), to,
                        at));
                stages.put(deal, to);
            }
        }
        return events;
    }

    /**
     * The collection's documents by id, without the write token (each write draws a new one) and with the applied
     * sequences in one order, so read models written by different writers and batches compare equal.
     */
    public static Map<String, Document> comparable(MongoDatabase database, String collection) {
        Map<String, Document> documents = new TreeMap<>();
        for (Document d : Flux.from(database.getCollection(collection).find()).collectList()
                .block(MongoTestServer.TIMEOUT)) {
            d.remove("rev");
            d.put("applied", d.getList("applied", Document.class).stream()
                    .sorted(Comparator.comparing(a -> a.getString("aggregateId"))).toList());
            documents.put(d.getString("_id"), d);
        }
        return documents;
    }
}
