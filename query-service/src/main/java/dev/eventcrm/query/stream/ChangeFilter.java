package dev.eventcrm.query.stream;

import java.util.Set;


/**
 * Which changes a stream subscriber wants; empty {@code types}, null {@code aggregateId} and null {@code recipientId}
 * mean all. {@code recipientId} keeps the changes addressed to one user (a task's assignee: its reminders).
 */
record ChangeFilter(Set<String> types, String aggregateId, String recipientId) {

    ChangeFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /**
     * Rebuild progress is about no aggregate and addressed to no one: it goes only to subscribers without an
     * {@code aggregateId} or {@code recipientId} filter.
     */
    boolean matches(Frame frame) {
        return (types.isEmpty() || types.contains(frame.type()))
                && (aggregateId == null || aggregateId.equals(frame.aggregateId()))
                && (recipientId == null || recipientId.equals(frame.recipientId()));
    }
}
