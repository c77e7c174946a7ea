package dev.eventcrm.projections.core;

import dev.eventcrm.projections.event.ParsedEvent;

/**
 * One read model folded from {@code crm.events}. {@link #apply} must be idempotent: delivery is at-least-once and the
 * runner retries a record until every projection has applied it.
 */
public interface Projection {

    /** Stable name; tags the metrics and identifies the projection's bookkeeping. */
    String name();

    void apply(ParsedEvent event);

    /** Creates the indexes the projection relies on; called at startup, must be idempotent. */
    default void prepare() {
    }

    /**
     * Writes what {@link #apply} buffered. The runner calls it after each polled batch, before storing the batch's
     * offsets, and again after a failure until it succeeds.
     */
    default void flush() {
    }
}
