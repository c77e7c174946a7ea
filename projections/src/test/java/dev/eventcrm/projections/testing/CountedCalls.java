package dev.eventcrm.projections.testing;

import org.bson.Document;

import java.util.List;

/** The calls counted on a deal or contact document: the aggregates other than its own it has applied. */
public final class CountedCalls {
    private CountedCalls() {
    }

    public static List<String> of(Document document) {
        String own = document.getString("_id");
        return document.getList("applied", Document.class, List.of()).stream()
                .map(entry -> entry.getString("aggregateId"))
                .filter(id -> !id.equals(own))
                .sorted()
                .toList();
    }
}
