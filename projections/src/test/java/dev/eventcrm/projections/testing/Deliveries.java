package dev.eventcrm.projections.testing;

import dev.eventcrm.projections.event.ParsedEvent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Kafka-like delivery of an event history for the property tests. */
public final class Deliveries {

    private Deliveries() {
    }

    /**
     * The aggregates' streams interleaved at random, each stream's events but its last lost one time in five (a later
     * event reveals the gap), and after each delivered event, one time in {@code redeliveryOneIn}, an event already
     * delivered is delivered again.
     */
    public static List<ParsedEvent> interleaved(List<ParsedEvent> events, Random random, int redeliveryOneIn) {
        Map<String, List<ParsedEvent>> streams = new LinkedHashMap<>();
        events.forEach(e -> streams.computeIfAbsent(e.aggregateId(), id -> new ArrayList<>()).add(e));
        List<List<ParsedEvent>> queues = new ArrayList<>();
        for (List<ParsedEvent> stream : streams.values()) {
            List<ParsedEvent> kept = new ArrayList<>();
            for (int i = 0; i < stream.size(); i++) {
                if (i == stream.size() - 1 || random.nextInt(5) != 0) {
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
            if (random.nextInt(redeliveryOneIn) == 0) {
                delivered.add(delivered.get(random.nextInt(delivered.size())));
            }
        }
        return delivered;
    }
}
