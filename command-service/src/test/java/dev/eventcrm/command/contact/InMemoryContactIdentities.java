package dev.eventcrm.command.contact;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Contact identities for aggregate fixtures: what creations claimed, plus what a test says is taken. */
class InMemoryContactIdentities implements ContactIdentities {

    private final Map<String, String> holders = new LinkedHashMap<>();

    InMemoryContactIdentities with(String identity, String contactId) {
        holders.put(identity, contactId);
        return this;
    }

    @Override
    public Optional<String> claim(String contactId, Collection<String> identities) {
        Optional<String> holder = Optional.empty();
        for (String identity : identities) {
            String existing = holders.putIfAbsent(identity, contactId);
            if (existing != null && holder.isEmpty()) {
                holder = Optional.of(existing);
            }
        }
        return holder;
    }

    @Override
    public Optional<String> holder(Collection<String> identities) {
        return identities.stream().map(holders::get).filter(Objects::nonNull).findFirst();
    }

    Map<String, String> holders() {
        return Map.copyOf(holders);
    }
}
