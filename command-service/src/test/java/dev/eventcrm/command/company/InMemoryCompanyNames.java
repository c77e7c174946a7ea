package dev.eventcrm.command.company;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link CompanyNames} for fixture tests. */
class InMemoryCompanyNames implements CompanyNames {

    private final Map<String, String> keys = new TreeMap<>();

    @Override
    public void named(String companyId, String name) {
        keys.put(companyId, CompanyNames.key(name));
    }

    @Override
    public List<String> withName(String name) {
        return keys.entrySet().stream().filter(entry -> entry.getValue().equals(CompanyNames.key(name)))
                .map(Map.Entry::getKey).toList();
    }
}
