package dev.eventcrm.projections.testing;

import dev.eventcrm.projections.event.ParsedEvent;
import dev.eventcrm.projections.history.EventHistory;
import dev.eventcrm.projections.history.EventHistoryException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An event store's history held in memory; can be told to be unreachable for the next few calls. */
public final class InMemoryEventHistory implements EventHistory {
    private final Map<String, List<ParsedEvent>> streams = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger failuresLeft = new AtomicInteger();

    public InMemoryEventHistory store(ParsedEvent... events) {
        for (ParsedEvent event : events) {
            streams.computeIfAbsent(event.aggregateId(), id -> new ArrayList<>()).add(event);
        }
        return this;
    }

    public InMemoryEventHistory failNext(int times) {
        failuresLeft.set(times);
        return this;
    }

    public int calls() {
        return calls.get();
    }

    @Override
    public List<ParsedEvent> load(String aggregateId, long fromSequence) {
        calls.incrementAndGet();
        if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new EventHistoryException("history unreachable (simulated)");
        }
        return streams.getOrDefault(aggregateId, List.of()).stream()
                .filter(e -> e.sequence() >= fromSequence)
                .sorted(Comparator.comparingLong(ParsedEvent::sequence))
                .toList();
    }
}
