package dev.eventcrm.query.stream;

import java.util.Set;


/** Which changes a stream subscriber wants; empty {@code types} and null {@code aggregateId} mean all. */
record ChangeFilter(Set<String> types, String aggregateId) {

    ChangeFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    /** Rebuild progress is about no aggregate: it goes only to subscribers without an {@code aggregateId} filter. */
    boolean matches(Frame frame) {
        return (types.isEmpty() || types.contains(frame.type()))
                && (aggregateId == null || aggregateId.equals(frame.aggregateId()));
    }
}
