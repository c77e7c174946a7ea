package dev.eventcrm.query;

import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.fold.Fold;
import dev.eventcrm.projections.fold.FoldEngine;
import dev.eventcrm.projections.fold.StateCodec;
import dev.eventcrm.projections.fold.Tracked;
import dev.eventcrm.projections.history.EventHistory;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * The way from events to a report's documents that production takes, for the reports' property and scenario tests:
 * the projections' fold through its engine (redeliveries are no-ops, gaps are healed from the history), the stored
 * document, and deliveries as Kafka may make them.
 */
public final class FoldHarness {
    private FoldHarness() {
    }

    /** The event store: each aggregate's events in sequence order. */
    public static EventHistory history(List<ParsedEvent> events) {
        return (aggregateId, fromSequence) -> events.stream()
                .filter(e -> e.aggregateId().equals(aggregateId) && e.sequence() >= fromSequence)
                .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).toList();
    }

    /** The documents after {@code delivery}, as stored (with their {@code _id}), by id (sorted). */
    public static <S> Map<String, Document> folded(Fold<S> fold, StateCodec<S> codec, List<ParsedEvent> delivery,
                                                   EventHistory history) {
        FoldEngine<S> engine = new FoldEngine<>(fold, history);
        Map<String, Tracked<S>> documents = new HashMap<>();
        for (ParsedEvent event : delivery) {
            for (String id : fold.targets(event)) {
                Tracked<S> current = documents.computeIfAbsent(id, key -> Tracked.fresh(key, fold.empty(key)));
                documents.put(id, engine.apply(current, event));
            }
        }
        Map<String, Document> stored = new LinkedHashMap<>();
        documents.keySet().stream().sorted().forEach(id -> {
            Document document = codec.encode(documents.get(id).state());
            document.put("_id", id);
            stored.put(id, document);
        });
        return stored;
    }

    /** Streams interleaved at random, redeliveries, and losses a later event of the same aggregate reveals. */
    public static List<ParsedEvent> delivery(List<ParsedEvent> events, Random random) {
        return delivery(events, random, event -> false);
    }

    /**
     * As {@link #delivery(List, Random)}, but never losing the events {@code neverLost} accepts: those a document of
     * another aggregate needs, which a later event of their own aggregate would not heal there (in production the
     * relay publishes every stored event, one that committed late after its successors, so only their order and
     * redelivery vary).
     */
    public static List<ParsedEvent> delivery(List<ParsedEvent> events, Random random,
                                             Predicate<ParsedEvent> neverLost) {
        Map<String, List<ParsedEvent>> streams = new LinkedHashMap<>();
        events.forEach(e -> streams.computeIfAbsent(e.aggregateId(), id -> new ArrayList<>()).add(e));
        List<List<ParsedEvent>> queues = new ArrayList<>();
        for (List<ParsedEvent> stream : streams.values()) {
            List<ParsedEvent> kept = new ArrayList<>();
            for (int i = 0; i < stream.size(); i++) {
                if (i == stream.size() - 1 || random.nextInt(5) != 0 || neverLost.test(stream.get(i))) {
                    kept.add(stream.get(i));
                }
            }
            queues.add(kept);
        }
        List<ParsedEvent> delivered = new ArrayList<>();
        while (!queues.isEmpty()) {
            List<ParsedEvent> queue = queues.get(random.nextInt(queues.size()));
            delivered.add(queue.remove(0));
            if (queue.isEmpty()) {
                queues.remove(queue);
            }
            if (random.nextInt(6) == 0) {
                delivered.add(delivered.get(random.nextInt(delivered.size())));
            }
        }
        return delivered;
    }
}
