package dev.eventcrm.command.nextstep;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link NextSteps} for fixture tests (one thread, so locking is reading). */
public class InMemoryNextSteps implements NextSteps {

    private final Map<String, Slot> slots = new LinkedHashMap<>();

    public InMemoryNextSteps with(String dealId, boolean dealOpen, String taskId) {
        slots.put(dealId, new Slot(dealId, dealOpen, taskId));
        return this;
    }

    public Map<String, Slot> slots() {
        return Map.copyOf(slots);
    }

    @Override
    public void opened(String dealId) {
        with(dealId, true, null);
    }

    @Override
    public void dealOpen(String dealId, boolean open) {
        with(dealId, open, Optional.ofNullable(slots.get(dealId)).map(Slot::taskId).orElse(null));
    }

    @Override
    public Optional<Slot> lock(String dealId) {
        return find(dealId);
    }

    @Override
    public Optional<Slot> find(String dealId) {
        return Optional.ofNullable(slots.get(dealId));
    }

    @Override
    public void current(String dealId, String taskId) {
        slots.computeIfPresent(dealId, (id, slot) -> new Slot(id, slot.dealOpen(), taskId));
    }
}
