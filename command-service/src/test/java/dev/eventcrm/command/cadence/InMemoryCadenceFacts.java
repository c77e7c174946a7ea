package dev.eventcrm.command.cadence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link CadenceFacts} for saga tests. */
class InMemoryCadenceFacts implements CadenceFacts {

    private final Map<String, ContactFacts> contacts = new HashMap<>();
    private final Map<String, UserFacts> users = new HashMap<>();
    private final Map<String, List<DealToLose>> deals = new HashMap<>();

    InMemoryCadenceFacts contact(String contactId, ContactFacts facts) {
        contacts.put(contactId, facts);
        return this;
    }

    InMemoryCadenceFacts user(String userId, UserFacts facts) {
        users.put(userId, facts);
        return this;
    }

    InMemoryCadenceFacts deal(String contactId, DealToLose deal) {
        deals.computeIfAbsent(contactId, id -> new ArrayList<>()).add(deal);
        return this;
    }

    @Override
    public ContactFacts contact(String contactId) {
        return contacts.get(contactId);
    }

    @Override
    public Optional<UserFacts> user(String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public List<DealToLose> openDeals(String contactId) {
        return deals.getOrDefault(contactId, List.of());
    }
}
