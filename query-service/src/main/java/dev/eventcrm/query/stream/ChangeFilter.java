package dev.eventcrm.query.stream;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.mongodb.client.model.Filters;
import org.bson.conversions.Bson;

/** Which changes a stream subscriber wants; empty {@code types} and null {@code aggregateId} mean all. */
record ChangeFilter(Set<String> types, String aggregateId) {

    ChangeFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
    }

    Bson after(long position) {
        List<Bson> parts = new ArrayList<>(3);
        parts.add(Filters.gt("position", position));
        if (!types.isEmpty()) {
            parts.add(types.size() == 1 ? Filters.eq("type", types.iterator().next()) : Filters.in("type", types));
        }
        if (aggregateId != null) {
            parts.add(Filters.eq("aggregateId", aggregateId));
        }
        return parts.size() == 1 ? parts.get(0) : Filters.and(parts);
    }
}
