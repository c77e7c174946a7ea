package dev.eventcrm.projections.history;

import dev.eventcrm.projections.event.ParsedEvent;

import java.util.List;

/** The event store's view of one aggregate's stream, used to heal gaps in what Kafka delivered. */
public interface EventHistory {

    /**
     * The aggregate's events with {@code sequence >= fromSequence}, in sequence order.
     *
     * @throws EventHistoryException when the history cannot be had now (the caller retries)
     */
    List<ParsedEvent> load(String aggregateId, long fromSequence);
}
