package dev.eventcrm.command.owner;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/** {@link Ownership} for fixture tests. */
public class InMemoryOwnership implements Ownership {

    public record Owned(String recordType, String ownerId, boolean active) {
    }

    private final Map<String, Owned> records = new LinkedHashMap<>();

    public InMemoryOwnership with(String recordId, String recordType, String ownerId, boolean active) {
        records.put(recordId, new Owned(recordType, ownerId, active));
        return this;
    }

    public Map<String, Owned> records() {
        return Map.copyOf(records);
    }

    @Override
    public void owned(String recordId, String recordType, String ownerId, boolean active, String contactId) {
        with(recordId, recordType, ownerId, active);
    }

    @Override
    public void reassigned(String recordId, String ownerId) {
        records.computeIfPresent(recordId, (id, owned) -> new Owned(owned.recordType(), ownerId, owned.active()));
    }

    @Override
    public void activated(String recordId, boolean active) {
        records.computeIfPresent(recordId, (id, owned) -> new Owned(owned.recordType(), owned.ownerId(), active));
    }

    @Override
    public void released(String recordId) {
        records.remove(recordId);
    }

    @Override
    public Optional<String> owner(String recordId) {
        return Optional.ofNullable(records.get(recordId)).map(Owned::ownerId);
    }

    @Override
    public List<String> portfolio(String ownerId, String recordType, boolean activeOnly, int limit) {
        return records.entrySet().stream().filter(entry -> entry.getValue().ownerId().equals(ownerId)
                        && entry.getValue().recordType().equals(recordType) && (!activeOnly || entry.getValue().active()))
                .map(Map.Entry::getKey).sorted().limit(limit).toList();
    }
}
