package dev.eventcrm.command.company;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Company identities for aggregate fixtures: what commands claimed, plus what a test says is taken. */
class InMemoryCompanyIdentities implements CompanyIdentities {

    private final Map<String, String> holders = new LinkedHashMap<>();

    InMemoryCompanyIdentities with(String identity, String companyId) {
        holders.put(identity, companyId);
        return this;
    }

    @Override
    public Optional<String> claim(String companyId, Collection<String> identities) {
        Optional<String> holder = Optional.empty();
        for (String identity : identities) {
            String existing = holders.putIfAbsent(identity, companyId);
            if (existing != null && holder.isEmpty()) {
                holder = Optional.of(existing);
            }
        }
        return holder;
    }

    Map<String, String> holders() {
        return Map.copyOf(holders);
    }
}
