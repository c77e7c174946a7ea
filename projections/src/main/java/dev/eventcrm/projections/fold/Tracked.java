package dev.eventcrm.projections.fold;

import java.util.HashMap;
import java.util.Map;

/**
 * One document's state plus the bookkeeping that makes folding it idempotent: the last sequence applied from each
 * aggregate that contributed to it (the owning aggregate, and e.g. every call counted on a deal), and the store's
 * revision token that a write compares-and-sets on (null: not stored yet).
 */
public record Tracked<S>(String id, S state, Map<String, Long> applied, Object revision) {

    public Tracked {
        applied = Map.copyOf(applied);
    }

    public static <S> Tracked<S> fresh(String id, S state) {
        return new Tracked<>(id, state, Map.of(), null);
    }

    /** The last sequence applied from {@code aggregateId}, -1 when none. */
    public long appliedSequence(String aggregateId) {
        return applied.getOrDefault(aggregateId, -1L);
    }

    /** The owning aggregate's version: the sequence applied from the aggregate the document is named after. */
    public long version() {
        return appliedSequence(id);
    }

    Tracked<S> advance(S newState, String aggregateId, long sequence) {
        Map<String, Long> next = new HashMap<>(applied);
        next.put(aggregateId, sequence);
        return new Tracked<>(id, newState, next, revision);
    }
}
