package dev.eventcrm.command.lookup;

import java.util.HashMap;
import java.util.Map;

/** The lookup table for aggregate fixtures: what the creating handlers registered, plus what a test says exists. */
public class InMemoryAggregateLookup implements AggregateLookup {

    private final Map<String, String> types = new HashMap<>();

    public InMemoryAggregateLookup with(String aggregateId, String aggregateType) {
        types.put(aggregateId, aggregateType);
        return this;
    }

    @Override
    public void register(String aggregateId, String aggregateType) {
        if (types.putIfAbsent(aggregateId, aggregateType) != null) {
            throw new IllegalStateException(aggregateId + " is already registered");
        }
    }

    @Override
    public boolean exists(String aggregateId, String aggregateType) {
        return aggregateType.equals(types.get(aggregateId));
    }

    public Map<String, String> registered() {
        return Map.copyOf(types);
    }
}
