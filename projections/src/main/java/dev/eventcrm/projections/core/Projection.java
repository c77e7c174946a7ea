package dev.eventcrm.projections.core;

import dev.eventcrm.projections.event.ParsedEvent;

import java.util.List;

/**
 * One read model folded from {@code crm.events}, one MongoDB collection. {@link #applyBatch} must be idempotent:
 * delivery is at-least-once, a batch is retried until it succeeds, and another instance may apply the same events.
 */
public interface Projection {

    /** Stable name; keys the projection's position, catalog entry and metrics. */
    String name();

    /** Bumped when the fold or the stored shape changes: a new version is rebuilt from the event store. */
    int version();

    /** The collection the projection writes. */
    String collection();

    /** Whether it can be rebuilt from the event store into a fresh collection. */
    boolean rebuildable();

    /** Applies a polled batch, in delivery order, and writes the result. */
    void applyBatch(List<ParsedEvent> events);

    /** Creates what the projection relies on (indexes, counters); called at startup, must be idempotent. */
    default void prepare() {
    }

    /** The same read model writing into another collection: the target of a rebuild. */
    default Projection into(String collection) {
        throw new UnsupportedOperationException(name() + " cannot be rebuilt");
    }
}
