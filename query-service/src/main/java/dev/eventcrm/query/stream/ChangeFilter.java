package dev.eventcrm.query.stream;

import java.util.Set;


/** Which changes a stream subscriber wants; empty {@code types} and null {@code aggregateId} mean all. */
record ChangeFilter(Set<String> types, String aggregateId) {

    ChangeFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    boolean matches(Change change) {
        return (types.isEmpty() || types.contains(change.type()))
                && (aggregateId == null || aggregateId.equals(change.aggregateId()));
    }
}
