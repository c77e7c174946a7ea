package dev.eventcrm.projections.rebuild;

import dev.eventcrm.projections.event.ParsedEvent;

import java.util.List;

/** The event store's whole history in global order: what a rebuild reads instead of Kafka. */
public interface EventLog {

    /**
     * @param events    the events after the requested global index, in global order
     * @param lastIndex the global index of the last of them (the requested one when none)
     * @param headIndex the highest global index stored now
     */
    record Page(List<ParsedEvent> events, long lastIndex, long headIndex) {
    }

    Page after(long globalIndex, int limit);
}
