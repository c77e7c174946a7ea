package dev.eventcrm.command.invoice;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link RelatedRecords} as a test says they are. */
class InMemoryRelatedRecords implements RelatedRecords {

    private final Map<String, DealParties> deals = new HashMap<>();
    private final Map<String, ZoneId> zones = new HashMap<>();
    private final Set<String> openTasks = new HashSet<>();

    InMemoryRelatedRecords deal(String dealId, String contactId, String ownerId) {
        deals.put(dealId, new DealParties(contactId, ownerId));
        return this;
    }

    InMemoryRelatedRecords user(String userId, String zone) {
        zones.put(userId, ZoneId.of(zone));
        return this;
    }

    InMemoryRelatedRecords openTask(String taskId) {
        openTasks.add(taskId);
        return this;
    }

    @Override
    public Optional<DealParties> deal(String dealId) {
        return Optional.ofNullable(deals.get(dealId));
    }

    @Override
    public Optional<ZoneId> timeZone(String userId) {
        return Optional.ofNullable(zones.get(userId));
    }

    @Override
    public boolean isOpenTask(String taskId) {
        return openTasks.contains(taskId);
    }
}
